package dev.corkboard.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {

  @TempDir Path root;
  private LocalBlobStore store;

  @BeforeEach
  void openStore() {
    store = new LocalBlobStore(root.resolve("blobs"));
  }

  @Override
  BlobStore store() {
    return store;
  }

  private Path blobs() {
    return root.resolve("blobs");
  }

  @Test
  void keepsBytesAsPlainFileAtTheKeysPath() throws IOException {
    byte[] bytes = randomBytes(100, 20);
    store.put(ORIGINAL, bytes, "image/png");

    assertThat(Files.readAllBytes(blobs().resolve(ORIGINAL))).isEqualTo(bytes);
    assertThat(blobs().resolve("originals/ab/cd")).isDirectory();
  }

  @Test
  void leavesNoTemporaryFilesBehindAfterPuts() throws IOException {
    store.put(ORIGINAL, randomBytes(100, 21), "image/png");
    store.put(ORIGINAL, randomBytes(100, 21), "image/png");

    try (Stream<Path> files = Files.walk(blobs())) {
      assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void leftoverTemporaryFileFromACrashIsNotVisibleAsBlob() throws IOException {
    // What a put that died before its rename leaves: a complete-looking temporary file.
    Path file = store.resolve(ORIGINAL);
    Files.createDirectories(file.getParent());
    Path leftover = LocalBlobStore.temporaryFileFor(file);
    Files.write(leftover, randomBytes(100, 22));
    Files.writeString(LocalBlobStore.sidecarOf(file), "image/png", StandardCharsets.UTF_8);

    assertThat(store.exists(ORIGINAL)).isFalse();
    assertThat(store.get(ORIGINAL)).isEmpty();

    byte[] bytes = randomBytes(50, 23);
    store.put(ORIGINAL, bytes, "image/jpeg");
    assertThat(store.get(ORIGINAL).orElseThrow().bytes()).isEqualTo(bytes);
    assertThat(store.get(ORIGINAL).orElseThrow().contentType()).isEqualTo("image/jpeg");
    assertThat(leftover).exists(); // untouched, and still unreachable by any key
  }

  @Test
  void deleteRemovesContentTypeSidecarToo() throws IOException {
    store.put(VARIANT, randomBytes(10, 24), "image/jpeg");
    store.delete(VARIANT);

    try (Stream<Path> files = Files.list(blobs().resolve("variants/abcdef0123456789"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void blobWhoseSidecarWasRemovedByHandIsStillReadable() throws IOException {
    byte[] bytes = randomBytes(10, 25);
    store.put(VARIANT, bytes, "image/jpeg");
    Files.delete(LocalBlobStore.sidecarOf(store.resolve(VARIANT)));

    assertThat(store.get(VARIANT).orElseThrow().bytes()).isEqualTo(bytes);
    assertThat(store.get(VARIANT).orElseThrow().contentType())
        .isEqualTo("application/octet-stream");
  }

  @Test
  void rejectedKeysCreateNothingOutsideTheStore() throws IOException {
    try {
      store.put("../escaped", new byte[1], "image/png");
    } catch (IllegalArgumentException expected) {
      // the contract test checks the exception; this one checks the disk
    }
    assertThat(root.resolve("escaped")).doesNotExist();
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files).containsExactly(blobs());
    }
  }

  @Test
  void reopenedStoreSeesEarlierBlobs() {
    byte[] bytes = randomBytes(10, 26);
    store.put(ORIGINAL, bytes, "image/avif");

    LocalBlobStore reopened = new LocalBlobStore(blobs());
    assertThat(reopened.get(ORIGINAL).orElseThrow().bytes()).isEqualTo(bytes);
    assertThat(reopened.get(ORIGINAL).orElseThrow().contentType()).isEqualTo("image/avif");
  }
}
