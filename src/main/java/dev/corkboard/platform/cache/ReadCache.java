package dev.corkboard.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A map from a key to a value read from the database, bounded in bytes, which a write invalidates
 * on every server after it commits and before its response is sent.
 *
 * <p>The race to close is a read that fetched the old value, then stores it after the write's
 * invalidation. So a read takes a {@link Ticket} before it queries the database, and its {@link
 * #put} stores nothing when an invalidation of the same key (or of everything) has happened since.
 * Invalidations count per stripe of keys; the check and the store are one atomic step for the key,
 * and so is an invalidation's count and removal, so they cannot interleave. Entries remember the
 * epoch of {@link ReadCaches#clearAll} they were read in and are served only in that epoch.
 *
 * @param <K> the key, usually an id
 * @param <V> an immutable value
 */
public final class ReadCache<K, V> {

  private static final int STRIPES = 4096;

  /** What an entry costs beside its value: the key, the entry and the map's node. */
  private static final int ENTRY_BYTES = 96;

  /**
   * How long an entry is kept at most. Every invalidation reaches every server before its write
   * answers; this bounds only what a write whose server died between its commit and its
   * announcement (a write never answered) may leave elsewhere.
   */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  /**
   * Each entry lives a random time between half of {@link #MAX_AGE} and all of it, so entries read
   * together (after a start, or a clearing) do not all expire together and send every one of their
   * reads to the database in the same second, on every server at once.
   */
  private static final Expiry<Object, Object> SPREAD_AGE =
      Expiry.creating(
          (key, value) ->
              MAX_AGE.minusNanos(ThreadLocalRandom.current().nextLong(MAX_AGE.toNanos() / 2)));

  /** The epoch of a ticket taken while the caches could not serve: it never matches. */
  private static final long NOT_SERVING = -1;

  private final String name;
  private final ReadCaches caches;
  private final Cache<K, Entry<V>> cache;
  private final AtomicLongArray invalidations = new AtomicLongArray(STRIPES);
  private final Function<String, K> keys;
  private final boolean alwaysOn;

  ReadCache(
      String name,
      long maxBytes,
      ToIntFunction<V> bytes,
      Function<String, K> keys,
      boolean alwaysOn,
      ReadCaches caches,
      MeterRegistry meters,
      Ticker ticker) {
    this.name = name;
    this.keys = keys;
    this.alwaysOn = alwaysOn;
    this.caches = caches;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .expireAfter(SPREAD_AGE)
            .ticker(ticker)
            .weigher((K key, Entry<V> entry) -> ENTRY_BYTES + bytes.applyAsInt(entry.value()))
            .recordStats()
            .build();
    if (maxBytes > 0) {
      CaffeineCacheMetrics.monitor(meters, cache, name);
      Gauge.builder("read_cache_bytes", this, ReadCache::bytes)
          .tag("cache", name)
          .description("What the cache's entries weigh, as its values estimate their size")
          .baseUnit("bytes")
          .register(meters);
    }
  }

  /** What the entries weigh now, in (estimated) bytes. */
  public long bytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  public String name() {
    return name;
  }

  ReadCaches caches() {
    return caches;
  }

  /** The cached value, if one is held and may be served. */
  public Optional<V> get(K key) {
    Entry<V> entry = cache.getIfPresent(key);
    return entry != null && entry.epoch() == caches.epoch() && caches.serving(alwaysOn)
        ? Optional.of(entry.value())
        : Optional.empty();
  }

  /** Whether a value is held for the key, servable or not. */
  public boolean holds(K key) {
    return cache.getIfPresent(key) != null;
  }

  /**
   * Take this before reading the value from the database; pass it to {@link #put}. Taken while the
   * caches may not serve, it stores nothing.
   */
  public Ticket ticket(K key) {
    long stripe = invalidations.get(stripe(key));
    return new Ticket(caches.serving(alwaysOn) ? caches.epoch() : NOT_SERVING, stripe);
  }

  /**
   * Whether nothing may have replaced the values of {@code keys} since their {@code tickets} (one
   * each, in order) were taken: no invalidation of any of them (or of a key sharing its stripe, or
   * of everything), and the caches serving now. What was derived from values read after the tickets
   * may be served again while this holds.
   */
  public boolean unchanged(List<K> keys, Ticket[] tickets) {
    if (!caches.serving(alwaysOn)) {
      return false;
    }
    long epoch = caches.epoch();
    for (int i = 0; i < tickets.length; i++) {
      Ticket ticket = tickets[i];
      if (ticket.epoch() != epoch || ticket.stripe() != invalidations.get(stripe(keys.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** Stores a value read after {@code ticket} was taken, unless it may have been replaced since. */
  public void put(K key, Ticket ticket, V value) {
    if (ticket.epoch() == NOT_SERVING || !caches.serving(alwaysOn)) {
      return;
    }
    int stripe = stripe(key);
    Entry<V> entry = new Entry<>(ticket.epoch(), value);
    cache
        .asMap()
        .compute(
            key,
            (k, old) ->
                ticket.epoch() == caches.epoch() && ticket.stripe() == invalidations.get(stripe)
                    ? entry
                    : old);
  }

  /**
   * Forgets a key on every server; a read of it that began before this call stores nothing. Call it
   * after the write commits and before its response is sent.
   */
  public void invalidate(K key) {
    invalidateLocally(key);
    caches.publish(item(key));
  }

  /** How an invalidation of {@code key} is named to other servers. */
  String item(K key) {
    return name + ":" + key;
  }

  /** Forgets a key named as other servers name it; false if it cannot be read as a key. */
  boolean invalidateLocally(String key) {
    K parsed;
    try {
      parsed = keys.apply(key);
    } catch (RuntimeException e) {
      return false;
    }
    invalidateLocally(parsed);
    return true;
  }

  /**
   * Forgets a key on this server only, for a {@link ReadCaches.Listener} that hears a change
   * another server (or this one) already {@linkplain ReadCaches#announce announced}; a read of it
   * that began before this call stores nothing.
   */
  public void forgetHere(K key) {
    invalidateLocally(key);
  }

  /** Forgets a key on this server only. */
  void invalidateLocally(K key) {
    int stripe = stripe(key);
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              invalidations.incrementAndGet(stripe);
              return null;
            });
  }

  void clear() {
    cache.invalidateAll();
  }

  /** Carries out pending evictions now. */
  void cleanUp() {
    cache.cleanUp();
  }

  /** How many entries it holds now (approximately, while evictions are pending). */
  public long size() {
    return cache.estimatedSize();
  }

  private static int stripe(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /**
   * A value with the epoch it was read in: after {@link ReadCaches#clearAll} it is never served,
   * even if it was stored while the clearing was under way.
   */
  private record Entry<V>(long epoch, V value) {}

  /** What a read saw of the invalidations before it queried the database. */
  public record Ticket(long epoch, long stripe) {}
}
