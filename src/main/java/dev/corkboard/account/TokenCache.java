package dev.corkboard.account;

import dev.corkboard.platform.api.Principal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers what bearer tokens grant, so a request is authenticated without a database round trip.
 * It serves only while the revocation listener is connected: a revocation evicts the token on every
 * server, and a gap in the listener (when notifications may have been lost) empties it.
 */
final class TokenCache {

  /** The PostgreSQL notification channel revocations are announced on. */
  static final String CHANNEL = "corkboard_token_revoked";

  private static final int MAX_ENTRIES = 100_000;
  private static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean connected;

  /** The key of a token: the hex of its secret's SHA-256. */
  static String key(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  Optional<Principal> get(String key) {
    if (!connected) {
      return Optional.empty();
    }
    Entry entry = entries.get(key);
    if (entry == null || System.nanoTime() - entry.storedAt() > TTL_NANOS) {
      return Optional.empty();
    }
    return Optional.of(entry.principal());
  }

  /** The eviction count now; pass it back to {@link #put} with what was read after it. */
  long generation() {
    return generation.get();
  }

  /**
   * Remembers a grant read from the database, unless an eviction happened since the read began (the
   * read might predate a revocation).
   */
  void put(String key, Principal principal, long readGeneration) {
    if (!connected) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(principal, System.nanoTime()));
    if (generation.get() != readGeneration) {
      entries.remove(key);
    }
  }

  void evict(String key) {
    generation.incrementAndGet();
    entries.remove(key);
  }

  void connected(boolean now) {
    generation.incrementAndGet();
    entries.clear();
    connected = now;
  }

  private record Entry(Principal principal, long storedAt) {}
}
