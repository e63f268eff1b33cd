package dev.corkboard.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadCacheTest {

  private final ReadCaches caches = new ReadCaches(true, new SimpleMeterRegistry());
  private final ReadCache<Long, String> cache =
      caches.create("test", 10_000, String::length, Long::valueOf);

  @Test
  void storesWhatWasReadWhenNothingChangedMeanwhile() {
    ReadCache.Ticket ticket = cache.ticket(1L);
    cache.put(1L, ticket, "one");
    assertThat(cache.get(1L).orElse(null)).isEqualTo("one");
  }

  @Test
  void refusesAReadThatBeganBeforeAnInvalidationOfItsKey() {
    cache.put(1L, cache.ticket(1L), "old");
    ReadCache.Ticket slowRead = cache.ticket(1L);
    cache.invalidate(1L);
    cache.put(1L, slowRead, "old, read before the write");
    assertThat(cache.get(1L).orElse(null)).isNull();
    cache.put(1L, cache.ticket(1L), "new");
    assertThat(cache.get(1L).orElse(null)).isEqualTo("new");
  }

  @Test
  void refusesAReadThatBeganBeforeEverythingWasCleared() {
    ReadCache<Long, String> other = caches.create("other", 100_000, String::length, Long::valueOf);
    other.put(7L, other.ticket(7L), "kept until the clear");
    ReadCache.Ticket slowRead = cache.ticket(2L);
    caches.clearAll();
    cache.put(2L, slowRead, "old");
    assertThat(cache.get(2L).orElse(null)).isNull();
    assertThat(other.get(7L).orElse(null)).isNull();
  }

  @Test
  void anInvalidationOfAnotherKeyCostsAtMostAMiss() {
    ReadCache.Ticket ticket = cache.ticket(3L);
    cache.invalidate(4L);
    cache.put(3L, ticket, "three");
    assertThat(cache.get(3L).orElse(null)).isIn("three", null);
    cache.put(3L, cache.ticket(3L), "three");
    assertThat(cache.get(3L).orElse(null)).isEqualTo("three");
  }

  @Test
  void disabledCachesNeverServe() {
    ReadCaches off = ReadCaches.disabled(new SimpleMeterRegistry());
    ReadCache<Long, String> none = off.create("none", 10_000, String::length, Long::valueOf);
    none.put(1L, none.ticket(1L), "one");
    assertThat(none.get(1L).orElse(null)).isNull();
  }

  @Test
  void servesAndStoresOnlyWhileThePeersAllow() {
    Peers peers = new Peers();
    caches.connect(peers);
    cache.put(5L, cache.ticket(5L), "five");
    peers.serving = false;
    assertThat(cache.get(5L).orElse(null)).isNull();
    ReadCache.Ticket takenWhileNotServing = cache.ticket(6L);
    peers.serving = true;
    cache.put(6L, takenWhileNotServing, "six, perhaps missing an invalidation");
    assertThat(cache.get(6L).orElse(null)).isNull();
    assertThat(cache.get(5L).orElse(null))
        .as("kept through a lapse, as invalidations were still applied")
        .isEqualTo("five");
  }

  @Test
  void publishesWhatItInvalidatesAfterApplyingItHere() {
    Peers peers = new Peers();
    caches.connect(peers);
    ReadCache<Long, String> other = caches.create("other", 10_000, String::length, Long::valueOf);
    cache.put(1L, cache.ticket(1L), "one");
    cache.invalidate(1L);
    try (Touched touched = new Touched()) {
      touched.add(cache, 2L);
      touched.add(other, 3L);
    }
    caches.clearAll();
    assertThat(peers.published).containsExactly("test:1", "test:2 other:3", "*");
    assertThat(peers.seenStillCached).containsOnly(false);
  }

  @Test
  void appliesWhatOtherServersPublish() {
    ReadCache<Long, String> other = caches.create("other", 10_000, String::length, Long::valueOf);
    cache.put(1L, cache.ticket(1L), "one");
    cache.put(2L, cache.ticket(2L), "two");
    other.put(2L, other.ticket(2L), "other two");
    ReadCache.Ticket slowRead = cache.ticket(1L);
    caches.apply("test:1 other:2");
    cache.put(1L, slowRead, "one, read before the remote write");
    assertThat(cache.get(1L).orElse(null)).isNull();
    assertThat(other.get(2L).orElse(null)).isNull();
    assertThat(cache.get(2L).orElse(null)).isEqualTo("two");

    caches.apply("*");
    assertThat(cache.get(2L).orElse(null)).isNull();

    cache.put(2L, cache.ticket(2L), "two");
    caches.apply("test:not-a-number");
    assertThat(cache.get(2L).orElse(null)).as("what it cannot read clears everything").isNull();
    cache.put(2L, cache.ticket(2L), "two");
    caches.apply("unknown:2");
    assertThat(cache.get(2L).orElse(null)).isNull();
  }

  @Test
  void staysBoundedInBytes() {
    for (long key = 0; key < 10_000; key++) {
      cache.put(key, cache.ticket(key), "v".repeat((int) (key % 50)));
    }
    cache.cleanUp();
    assertThat(cache.bytes()).isPositive().isLessThanOrEqualTo(10_000);
    // Each entry weighs its value and a fixed 96 bytes of its own: at most about a hundred fit.
    assertThat(cache.size()).isLessThanOrEqualTo(10_000 / 96);
  }

  @Test
  void entriesReadTogetherExpireSpreadOverTheSecondHalfOfTheirMaximumAge() {
    AtomicLong now = new AtomicLong();
    ReadCaches aging = new ReadCaches(true, new SimpleMeterRegistry(), now::get);
    ReadCache<Long, String> pages = aging.create("pages", 1 << 20, String::length, Long::valueOf);
    for (long key = 0; key < 1_000; key++) {
      pages.put(key, pages.ticket(key), "page");
    }
    long maxAge = ReadCache.MAX_AGE.toNanos();

    now.set(maxAge / 2 - 1);
    assertThat(held(pages)).isEqualTo(1_000);
    now.set(maxAge * 3 / 4);
    assertThat(held(pages)).isBetween(300, 700);
    now.set(maxAge + 1);
    assertThat(held(pages)).isZero();
  }

  private static int held(ReadCache<Long, String> cache) {
    int held = 0;
    for (long key = 0; key < 1_000; key++) {
      held += cache.get(key).isPresent() ? 1 : 0;
    }
    return held;
  }

  /**
   * Writers bump a version in "the database" and then invalidate; readers take a ticket, read the
   * version, and store it. Once an invalidation has returned, no get may answer a version older
   * than the one it followed.
   */
  @Test
  void neverServesAValueOlderThanTheLastCompletedInvalidation() throws Exception {
    AtomicLong database = new AtomicLong();
    AtomicLong invalidated = new AtomicLong();
    ReadCache<Long, Long> versions =
        caches.create("versions", 10_000, (Long v) -> 8, Long::valueOf);
    int rounds = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
      Future<?> writer =
          executor.submit(
              () -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                  long written = database.incrementAndGet();
                  versions.invalidate(1L);
                  invalidated.set(written);
                }
                return null;
              });
      java.util.List<Future<Long>> readers = new java.util.ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(
            executor.submit(
                () -> {
                  start.await();
                  long stale = 0;
                  while (!writer.isDone()) {
                    long floor = invalidated.get();
                    Long cached = versions.get(1L).orElse(null);
                    if (cached == null) {
                      ReadCache.Ticket ticket = versions.ticket(1L);
                      long read = database.get();
                      versions.put(1L, ticket, read);
                      cached = read;
                    }
                    if (cached < floor) {
                      stale++;
                    }
                  }
                  return stale;
                }));
      }
      start.countDown();
      writer.get();
      for (Future<Long> reader : readers) {
        assertThat(reader.get()).as("stale answers").isZero();
      }
    }
  }

  /** Peers that record what is published and whether the key was already gone here. */
  private final class Peers implements ReadCaches.Peers {
    volatile boolean serving = true;
    final java.util.List<String> published = new java.util.ArrayList<>();
    final java.util.List<Boolean> seenStillCached = new java.util.ArrayList<>();

    @Override
    public boolean serving() {
      return serving;
    }

    @Override
    public void publish(String message) {
      published.add(message);
      seenStillCached.add(cache.get(1L).isPresent() || cache.get(2L).isPresent());
    }
  }
}
