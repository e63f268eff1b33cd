package dev.corkboard.platform.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * The read caches of one server, and the switch and the epoch they share.
 *
 * <p>A cache is only correct while this server is the only one writing to the database: a write
 * made by another server would not invalidate it. {@link #enabled} says so; the application turns
 * it on only when it holds the database's exclusive server lock ({@code Application.readCaches}).
 *
 * <p>{@link #clearAll} empties every cache at once, for the rare writes that change many entries (a
 * board's privacy, a section's deletion, an image becoming ready).
 */
public final class ReadCaches {

  private volatile boolean enabled;
  private final MeterRegistry meters;
  private final AtomicLong epoch = new AtomicLong();
  private final List<ReadCache<?, ?>> caches = new CopyOnWriteArrayList<>();

  public ReadCaches(boolean enabled, MeterRegistry meters) {
    this.enabled = enabled;
    this.meters = meters;
  }

  /** Caches that never hold anything, for a server that shares its database with others. */
  public static ReadCaches disabled(MeterRegistry meters) {
    return new ReadCaches(false, meters);
  }

  public boolean enabled() {
    return enabled;
  }

  /** Stops serving and storing for good, as when the database may have gained another writer. */
  public void disable() {
    enabled = false;
    clearAll();
  }

  /**
   * A new cache of values that together weigh at most {@code maxBytes} as {@code bytes} estimates
   * each, reported in the metrics by name (its entries, hits and misses, and {@code
   * read_cache_bytes}).
   */
  public <K, V> ReadCache<K, V> create(String name, long maxBytes, ToIntFunction<V> bytes) {
    ReadCache<K, V> cache = new ReadCache<>(name, enabled ? maxBytes : 0, bytes, this, meters);
    caches.add(cache);
    return cache;
  }

  /**
   * Empties every cache; a read that began before this call stores nothing. Call it after the write
   * commits and before its response is sent.
   */
  public void clearAll() {
    epoch.incrementAndGet();
    for (ReadCache<?, ?> cache : caches) {
      cache.clear();
    }
  }

  long epoch() {
    return epoch.get();
  }
}
