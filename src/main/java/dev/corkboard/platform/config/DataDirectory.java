package dev.corkboard.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory of a server process, locked for the life of the process so that two servers
 * never run on the same files. The operating system drops the lock when the process dies.
 */
public final class DataDirectory implements AutoCloseable {

  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /** Creates the directory if needed and locks it, or fails when another process holds it. */
  public static DataDirectory open(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel channel =
          FileChannel.open(
              root.resolve("corkboard.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "another corkboard process is using the data directory " + root);
      }
      return new DataDirectory(root, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the data directory " + root, e);
    }
  }

  /** A path inside the directory. */
  public Path resolve(String name) {
    return root.resolve(name);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
