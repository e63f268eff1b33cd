package dev.corkboard.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One server's share of every bucket's allowance. A bucket allows {@code limit} requests per window
 * (windows are aligned to the epoch, so every server agrees on them); a server serves requests from
 * a slice it leased and leases another only when its slice is spent. The leases never grant more
 * than the limit in total, so the servers together never allow more; a slice left when the window
 * ends is abandoned, never carried over.
 */
final class Allowances {

  /** Grants slices of allowances; shared by every server (PostgreSQL, or a fake in tests). */
  interface Leaser {

    /**
     * Grants part of what is left of the bucket's allowance in the window starting at {@code
     * windowStart} (epoch seconds): nothing once all of it is granted.
     */
    Lease lease(String bucket, long windowStart, int limit);
  }

  /**
   * A granted slice.
   *
   * @param granted how many requests the slice allows, 0 when the allowance is spent
   * @param total how many the leases of the window have granted so far, this one included
   */
  record Lease(int granted, int total) {}

  /**
   * The answer to one request.
   *
   * @param allowed whether it may go on
   * @param limit the allowance per window
   * @param remaining about how many more the window allows (exact on one server)
   * @param resetSeconds seconds until the window ends
   */
  record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

  private final Leaser leaser;
  private final Clock clock;
  private final long windowSeconds;
  private final ConcurrentMap<String, Slice> slices = new ConcurrentHashMap<>();

  Allowances(Leaser leaser, Clock clock, Duration window) {
    this.leaser = leaser;
    this.clock = clock;
    this.windowSeconds = window.toSeconds();
  }

  /** Takes one request from the bucket's allowance, leasing a slice if this server has none. */
  Decision take(String bucket, int limit) {
    long now = clock.millis();
    long windowStart = Math.floorDiv(now / 1000, windowSeconds) * windowSeconds;
    long resetSeconds = Math.max(1, windowStart + windowSeconds - Math.floorDiv(now, 1000));
    Slice slice = slices.computeIfAbsent(bucket, b -> new Slice());
    synchronized (slice) {
      if (slice.windowStart != windowStart) {
        slice.windowStart = windowStart;
        slice.left = 0;
        slice.total = 0;
        slice.spent = false;
      }
      if (slice.left == 0 && !slice.spent) {
        // Under the slice's lock: requests of one bucket on this server wait for one lease.
        Lease lease = leaser.lease(bucket, windowStart, limit);
        slice.left = lease.granted();
        slice.total = lease.total();
        slice.spent = lease.granted() == 0;
      }
      boolean allowed = slice.left > 0;
      if (allowed) {
        slice.left--;
      }
      int remaining = Math.max(0, limit - slice.total) + slice.left;
      return new Decision(allowed, limit, remaining, resetSeconds);
    }
  }

  /** Forgets the slices of windows that have ended, so memory holds only current callers. */
  void forgetEnded() {
    long windowStart = Math.floorDiv(clock.millis() / 1000, windowSeconds) * windowSeconds;
    slices.values().removeIf(slice -> isEnded(slice, windowStart));
  }

  private static boolean isEnded(Slice slice, long windowStart) {
    synchronized (slice) {
      return slice.windowStart < windowStart;
    }
  }

  /** How many buckets this server holds a slice of. */
  int size() {
    return slices.size();
  }

  /** This server's slice of one bucket in one window. */
  private static final class Slice {
    long windowStart = Long.MIN_VALUE;
    int left;
    int total;
    boolean spent;
  }
}
