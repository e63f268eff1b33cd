package dev.corkboard.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The read caches of one server, the switch and the epoch they share, and their link to the caches
 * of the other servers on the same database ({@link Peers}, which {@link Coherence} provides).
 *
 * <p>Every invalidation is applied here first, then published to the other servers, and returns
 * once they have all applied it (or can no longer serve): so a write that invalidates before it
 * answers leaves no server able to show what it replaced. {@link #clearAll} empties every cache at
 * once, for the rare writes that change many entries (a board's privacy, a section's deletion, an
 * image becoming ready). A cache whose keys a write cannot name (the results of a query, which any
 * new match changes) {@link #listen}s for what writes {@link #announce} they changed instead.
 */
public final class ReadCaches {

  /** The message that empties every cache. */
  static final String EVERYTHING = "*";

  /**
   * The other servers: whether this one may serve from memory now, and how its invalidations reach
   * them.
   */
  public interface Peers {

    /** Whether this server's caches may serve and store now. */
    boolean serving();

    /** Sends an invalidation; returns once every server that may serve has applied it. */
    void publish(String message);
  }

  /**
   * What a feature whose cached results a write cannot name by key hears of each change a write
   * {@linkplain #announce announced}: it forgets, on this server only, every entry the change may
   * have made stale, including those of reads under way (whose {@link ReadCache#put} then stores
   * nothing).
   */
  @FunctionalInterface
  public interface Listener {

    /** Forgets what {@code change} may have made stale; false if it cannot read the change. */
    boolean changed(String change);
  }

  /** A server alone: always serving, nobody to tell (tests of the caches themselves). */
  private static final Peers ALONE =
      new Peers() {
        @Override
        public boolean serving() {
          return true;
        }

        @Override
        public void publish(String message) {}
      };

  private final boolean enabled;
  private final MeterRegistry meters;
  private final Ticker ticker;
  private final AtomicLong epoch = new AtomicLong();
  private final Map<String, ReadCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
  private volatile Peers peers = ALONE;

  public ReadCaches(boolean enabled, MeterRegistry meters) {
    this(enabled, meters, Ticker.systemTicker());
  }

  /** Caches whose entries age by {@code ticker} (tests of their ages). */
  ReadCaches(boolean enabled, MeterRegistry meters, Ticker ticker) {
    this.enabled = enabled;
    this.meters = meters;
    this.ticker = ticker;
  }

  /** Caches that never hold anything, for a server started with the read cache off. */
  public static ReadCaches disabled(MeterRegistry meters) {
    return new ReadCaches(false, meters);
  }

  /** Whether this server keeps read caches at all. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Whether caches may serve and store now: while the peers allow, and for caches of read results
   * only with the read cache on.
   */
  boolean serving(boolean evenWhenDisabled) {
    return (enabled || evenWhenDisabled) && peers.serving();
  }

  /** Links these caches to the other servers' (see {@link Coherence#start}). */
  void connect(Peers linked) {
    this.peers = linked;
  }

  /**
   * A new cache of values that together weigh at most {@code maxBytes} as {@code bytes} estimates
   * each, reported in the metrics by name (its entries, hits and misses, and {@code
   * read_cache_bytes}). {@code keys} reads back a key from its {@code toString}, as invalidations
   * from other servers name it; a name is a word without spaces or colons.
   */
  public <K, V> ReadCache<K, V> create(
      String name, long maxBytes, ToIntFunction<V> bytes, Function<String, K> keys) {
    return register(
        new ReadCache<>(name, enabled ? maxBytes : 0, bytes, keys, false, this, meters, ticker));
  }

  /**
   * A cache as {@link #create} makes one, that serves even with the read cache off: for what every
   * request needs, such as what a bearer token grants.
   */
  public <K, V> ReadCache<K, V> createAlwaysOn(
      String name, long maxBytes, ToIntFunction<V> bytes, Function<String, K> keys) {
    return register(new ReadCache<>(name, maxBytes, bytes, keys, true, this, meters, ticker));
  }

  private <K, V> ReadCache<K, V> register(ReadCache<K, V> cache) {
    String name = cache.name();
    checkName(name);
    if (listeners.containsKey(name) || caches.putIfAbsent(name, cache) != null) {
      throw new IllegalArgumentException("a second cache or listener named " + name);
    }
    return cache;
  }

  /**
   * Hears the changes announced under {@code name} (a word as a cache's name is, and not one) on
   * this server and from every other.
   */
  public void listen(String name, Listener listener) {
    checkName(name);
    if (caches.containsKey(name) || listeners.putIfAbsent(name, listener) != null) {
      throw new IllegalArgumentException("a second cache or listener named " + name);
    }
  }

  /**
   * Tells the listener of {@code name} on every server of {@code changes} (each a text without
   * spaces), here first: a read that began before this call stores nothing the changes made stale.
   * Call it after the write commits and before its response is sent.
   */
  public void announce(String name, List<String> changes) {
    Listener listener = listeners.get(name);
    if (listener == null) {
      throw new IllegalArgumentException("nobody listens to " + name);
    }
    if (changes.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder();
    for (String change : changes) {
      if (change.isEmpty() || change.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("a change is a text without spaces: " + change);
      }
      if (!listener.changed(change)) {
        clearLocally();
      }
      message.append(message.isEmpty() ? "" : " ").append(name).append(':').append(change);
    }
    peers.publish(message.toString());
  }

  private void checkName(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("a cache's name is lower-case letters and _: " + name);
    }
  }

  /**
   * Empties every cache on every server; a read that began before this call stores nothing. Call it
   * after the write commits and before its response is sent.
   */
  public void clearAll() {
    clearLocally();
    peers.publish(EVERYTHING);
  }

  /** Sends invalidations already applied here to the other servers, and waits for them. */
  void publish(String message) {
    peers.publish(message);
  }

  /** Empties every cache of this server only. */
  void clearLocally() {
    epoch.incrementAndGet();
    for (ReadCache<?, ?> cache : caches.values()) {
      cache.clear();
    }
  }

  /**
   * Applies an invalidation another server published: {@value #EVERYTHING}, or keys as {@code
   * name:key} separated by spaces. What it cannot read, it treats as everything.
   */
  void apply(String message) {
    if (message.equals(EVERYTHING)) {
      clearLocally();
      return;
    }
    for (String item : message.split(" ")) {
      int colon = item.indexOf(':');
      String name = colon < 0 ? "" : item.substring(0, colon);
      ReadCache<?, ?> cache = caches.get(name);
      Listener listener = listeners.get(name);
      boolean applied =
          cache != null
              ? cache.invalidateLocally(item.substring(colon + 1))
              : listener != null && listener.changed(item.substring(colon + 1));
      if (!applied) {
        clearLocally();
        return;
      }
    }
  }

  long epoch() {
    return epoch.get();
  }
}
