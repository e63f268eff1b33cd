package dev.corkboard.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.Waits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' caches on one real PostgreSQL, each with its own client and {@link Coherence}: what a
 * node publishes is gone from the other's cache before the publish returns, and a node that loses
 * its connection stops serving at once and comes back as a new node with empty caches.
 */
class CoherenceTest {

  private final ConnectionSettings settings = TestDatabase.fresh();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : opened.reversed()) {
      resource.close();
    }
  }

  @Test
  void whatOneNodePublishesIsGoneFromTheOthersCacheBeforeThePublishReturns() {
    Node a = node();
    Node b = node();
    a.awaitServing();
    b.awaitServing();
    for (long key = 0; key < 200; key++) {
      b.cache.put(key, b.cache.ticket(key), "v0");
      a.cache.invalidate(key);
      assertThat(b.cache.get(key)).as("key %d on the other node", key).isEmpty();
    }
    b.cache.put(7L, b.cache.ticket(7L), "v0");
    a.caches.clearAll();
    assertThat(b.cache.get(7L)).isEmpty();
  }

  @Test
  void aNodeThatLosesItsConnectionStopsServingAndComesBackAsANewNodeWithEmptyCaches() {
    Node a = node();
    a.awaitServing();
    long before = a.coherence.node();
    a.cache.put(1L, a.cache.ticket(1L), "kept");
    assertThat(a.cache.get(1L)).contains("kept");

    // Every session that renews a lease, as an operator's pg_terminate_backend would end it.
    try (Database admin = Database.connect(settings, 1, new SimpleMeterRegistry())) {
      admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND query LIKE '%renewed%'"
              + " AND pid <> pg_backend_pid()");
    }
    await("stops serving", () -> !a.caches.serving(false));
    assertThat(a.cache.get(1L)).isEmpty();
    a.awaitServing();
    assertThat(a.coherence.node()).as("a new node").isNotEqualTo(before).isPositive();
    assertThat(a.cache.get(1L)).as("emptied when it joined again").isEmpty();
  }

  @Test
  void aNodeStoresAndServesNothingUntilItHasBeenALeaseholderForAWhile() {
    Node a = node();
    a.cache.put(1L, a.cache.ticket(1L), "too early");
    assertThat(a.cache.get(1L)).isEmpty();
    a.awaitServing();
    a.cache.put(1L, a.cache.ticket(1L), "in time");
    assertThat(a.cache.get(1L)).contains("in time");
  }

  /** A node: a client of its own, its caches and their coherence with the others. */
  private Node node() {
    Database database = Database.connect(settings, 2, new SimpleMeterRegistry());
    opened.add(database);
    ReadCaches caches = new ReadCaches(true, new SimpleMeterRegistry());
    ReadCache<Long, String> cache = caches.create("test", 100_000, String::length, Long::valueOf);
    Coherence coherence = Coherence.start(database, caches);
    opened.add(coherence);
    return new Node(caches, cache, coherence);
  }

  private record Node(ReadCaches caches, ReadCache<Long, String> cache, Coherence coherence) {
    void awaitServing() {
      await("serving", () -> caches.serving(false));
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " in time").isLessThan(deadline);
      Waits.sleep(20);
    }
  }
}
