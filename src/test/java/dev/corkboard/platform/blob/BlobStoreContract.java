package dev.corkboard.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.blob.BlobStore.Blob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviour every {@link BlobStore} shares; each implementation's test extends it. */
abstract class BlobStoreContract {

  static final String ORIGINAL = "originals/ab/cd/abcdef0123456789abcdef0123456789abcdef0123456789";
  static final String VARIANT = "variants/abcdef0123456789/400x300.jpg";

  /** The store under test, fresh and empty for each test. */
  abstract BlobStore store();

  static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void returnsStoredBytesAndContentTypeAfterPut() {
    byte[] bytes = randomBytes(1000, 1);
    store().put(ORIGINAL, bytes, "image/png");

    Blob blob = store().get(ORIGINAL).orElseThrow();
    assertThat(blob.bytes()).isEqualTo(bytes);
    assertThat(blob.contentType()).isEqualTo("image/png");
  }

  @Test
  void overwritesSameKeyWithSameBytes() {
    byte[] bytes = randomBytes(2000, 2);
    store().put(VARIANT, bytes, "image/jpeg");
    store().put(VARIANT, bytes, "image/jpeg");

    Blob blob = store().get(VARIANT).orElseThrow();
    assertThat(blob.bytes()).isEqualTo(bytes);
    assertThat(blob.contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void returnsEmptyForMissingKey() {
    assertThat(store().get(ORIGINAL)).isEmpty();
  }

  @Test
  void existsOnlyAfterPut() {
    assertThat(store().exists(VARIANT)).isFalse();
    store().put(VARIANT, randomBytes(10, 3), "image/jpeg");
    assertThat(store().exists(VARIANT)).isTrue();
  }

  @Test
  void deleteRemovesTheBlobAndOnlyThatBlob() {
    String sibling = "variants/abcdef0123456789/800x600.jpg";
    store().put(VARIANT, randomBytes(10, 4), "image/jpeg");
    store().put(sibling, randomBytes(10, 5), "image/jpeg");

    store().delete(VARIANT);

    assertThat(store().exists(VARIANT)).isFalse();
    assertThat(store().get(VARIANT)).isEmpty();
    assertThat(store().get(sibling).orElseThrow().bytes()).isEqualTo(randomBytes(10, 5));
  }

  @Test
  void deletingMissingKeyIsNoError() {
    store().delete(ORIGINAL);
    assertThat(store().exists(ORIGINAL)).isFalse();
  }

  @Test
  void canStoreAgainAfterDelete() {
    store().put(ORIGINAL, randomBytes(10, 6), "image/webp");
    store().delete(ORIGINAL);
    store().put(ORIGINAL, randomBytes(10, 6), "image/webp");
    assertThat(store().get(ORIGINAL).orElseThrow().bytes()).isEqualTo(randomBytes(10, 6));
  }

  @Test
  void keepsEveryByteValueUnchanged() {
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    store().put(ORIGINAL, bytes, "application/octet-stream");
    assertThat(store().get(ORIGINAL).orElseThrow().bytes()).isEqualTo(bytes);
  }

  @Test
  void storesFiveMebibyteBlob() {
    byte[] bytes = randomBytes(5 * 1024 * 1024, 7);
    store().put(ORIGINAL, bytes, "image/jpeg");
    assertThat(store().get(ORIGINAL).orElseThrow().bytes()).isEqualTo(bytes);
  }

  @Test
  void storesEmptyBlob() {
    store().put(ORIGINAL, new byte[0], "image/gif");
    Blob blob = store().get(ORIGINAL).orElseThrow();
    assertThat(blob.bytes()).isEmpty();
    assertThat(blob.contentType()).isEqualTo("image/gif");
  }

  @Test
  void keepsContentTypeParameters() {
    store().put(ORIGINAL, randomBytes(10, 8), "text/plain; charset=utf-8");
    // An HTTP server may drop the optional space before a parameter, as Jetty does.
    assertThat(store().get(ORIGINAL).orElseThrow().contentType().replace(" ", ""))
        .isEqualTo("text/plain;charset=utf-8");
  }

  @Test
  void storesKeysWithSpacesPlusSignsAndNonAsciiLetters() {
    String key = "variants/a b+c/grüße=1,2 (3).jpg";
    store().put(key, randomBytes(10, 9), "image/jpeg");
    assertThat(store().exists(key)).isTrue();
    assertThat(store().get(key).orElseThrow().bytes()).isEqualTo(randomBytes(10, 9));
    assertThat(store().exists("variants/a b+c/grüße=1,2 (4).jpg")).isFalse();
  }

  @Test
  void keyThatIsOnlyAPrefixOfAnotherIsNoBlob() {
    store().put(VARIANT, randomBytes(10, 10), "image/jpeg");
    String parent = "variants/abcdef0123456789";

    assertThat(store().exists(parent)).isFalse();
    assertThat(store().get(parent)).isEmpty();
    store().delete(parent);
    assertThat(store().exists(VARIANT)).isTrue();
  }

  @Test
  void concurrentPutsOfSameKeyLeaveOneIntactBlob() throws Exception {
    byte[] bytes = randomBytes(256 * 1024, 11);
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  store().put(ORIGINAL, bytes, "image/png");
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(); // rethrows a failed put
      }
    }
    Blob blob = store().get(ORIGINAL).orElseThrow();
    assertThat(blob.bytes()).isEqualTo(bytes);
    assertThat(blob.contentType()).isEqualTo("image/png");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/originals/ab",
        "../outside",
        "originals/../../outside",
        "originals/..",
        "originals/./ab",
        "originals//ab",
        "originals/ab/",
        "originals\\ab",
        "C:/originals",
        ".hidden",
        "originals/.ab.content-type",
        "originals/a\nb",
        "originals/a\u0000b"
      })
  void rejectsInvalidKeysInEveryOperation(String key) {
    assertThatThrownBy(() -> store().put(key, new byte[1], "image/png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blob key");
    assertThatThrownBy(() -> store().get(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().exists(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsOverlongKey() {
    String key = "originals/" + "a/".repeat(600) + "b";
    assertThatThrownBy(() -> store().put(key, new byte[1], "image/png"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "image/png\r\nX-Injected: 1", "image/pngé"})
  void rejectsContentTypesThatCannotBeAHeader(String contentType) {
    assertThatThrownBy(() -> store().put(ORIGINAL, new byte[1], contentType))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("content type");
    assertThat(store().exists(ORIGINAL)).isFalse();
  }
}
