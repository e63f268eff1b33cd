package dev.corkboard.platform.blob;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps blobs as plain files in a local directory, one file per key at the key's relative path.
 *
 * <p>Layout: the bytes of key {@code originals/ab/cd/abcd...} are the file {@code
 * root/originals/ab/cd/abcd...}, unchanged, so the directory can be inspected, served or copied
 * with ordinary tools. The content type lives beside it in a one-line sidecar file {@code
 * .abcd....content-type}; keys never have segments starting with a dot (see {@link BlobRules}), so
 * sidecars and temporary files can never be mistaken for blobs.
 *
 * <p>Durability: each file is written to a temporary file in the same directory, forced to disk,
 * atomically renamed over its final name and the directory is forced too. The sidecar is renamed
 * into place before the bytes, so a crash at any point leaves either no blob or a complete one;
 * what it may leave behind is a hidden {@code .*.tmp} file that no key can reach. Puts of one key
 * from several threads are serialised; between processes each file still changes atomically.
 * Directories emptied by deletes are left in place, so that a concurrent put never loses its
 * directory.
 */
public final class LocalBlobStore implements BlobStore {

  static final String CONTENT_TYPE_SUFFIX = ".content-type";
  static final String TEMPORARY_SUFFIX = ".tmp";
  private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";
  private static final int LOCK_STRIPES = 64;

  private final Path root;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  /** Opens the store, creating its root directory when missing. */
  public LocalBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create blob directory " + this.root, e);
    }
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    Path file = resolve(key);
    byte[] type = BlobRules.requireValidContentType(contentType).getBytes(StandardCharsets.UTF_8);
    byte[] content = bytes.clone();
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      Path directory = directoryOf(file);
      Files.createDirectories(directory);
      // Sidecar first: the blob becomes visible only when its bytes are renamed into place.
      replaceDurably(sidecarOf(file), type);
      syncDirectory(directory);
      replaceDurably(file, content);
      syncDirectory(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + key, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Blob> get(String key) {
    Path file = resolve(key);
    if (!isBlobFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(new Blob(bytes, contentTypeOf(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // deleted since the check
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + key, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return isBlobFile(resolve(key));
  }

  @Override
  public void delete(String key) {
    Path file = resolve(key);
    ReentrantLock lock = lockFor(key);
    lock.lock();
    try {
      // A key that names a directory of other blobs is no blob: leave it alone.
      boolean deleted = isBlobFile(file) && Files.deleteIfExists(file);
      deleted |= Files.deleteIfExists(sidecarOf(file));
      if (deleted) {
        syncDirectory(directoryOf(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete blob " + key, e);
    } finally {
      lock.unlock();
    }
  }

  /** The file that holds the bytes of a key; package-private for tests of the layout. */
  Path resolve(String key) {
    Path file = root.resolve(BlobRules.requireValidKey(key)).normalize();
    // BlobRules already forbids every way out; this guards against a future change to it.
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("blob key '" + key + "' leaves the store's directory");
    }
    return file;
  }

  /** A fresh name for a temporary file that will replace the given one. */
  static Path temporaryFileFor(Path target) {
    String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return target.resolveSibling("." + target.getFileName() + "." + random + TEMPORARY_SUFFIX);
  }

  /** The directory a blob's file is in; {@link #resolve} keeps every file below the root. */
  private static Path directoryOf(Path file) {
    return Objects.requireNonNull(file.getParent(), "a blob file always has a directory");
  }

  static Path sidecarOf(Path file) {
    return file.resolveSibling("." + file.getFileName() + CONTENT_TYPE_SUFFIX);
  }

  private static boolean isBlobFile(Path file) {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  private static String contentTypeOf(Path file) throws IOException {
    try {
      return Files.readString(sidecarOf(file), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      // Only possible when someone removed the sidecar by hand: the bytes are still good.
      return FALLBACK_CONTENT_TYPE;
    }
  }

  private static void replaceDurably(Path target, byte[] bytes) throws IOException {
    Path temporary = temporaryFileFor(target);
    try {
      try (FileChannel channel = FileChannel.open(temporary, CREATE_NEW, WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // rename(2): readers see the old file or the new one, never a partial one.
      Files.move(temporary, target, ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Makes a rename in the directory durable; Windows cannot open directories, so it is skipped. */
  private static void syncDirectory(Path directory) throws IOException {
    if (File.separatorChar == '\\') {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, READ)) {
      channel.force(true);
    }
  }

  private ReentrantLock lockFor(String key) {
    return locks[Math.floorMod(key.hashCode(), locks.length)];
  }

  @Override
  public String toString() {
    return "LocalBlobStore[" + root + "]";
  }
}
