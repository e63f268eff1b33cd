package dev.corkboard.platform.id;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Issues unique ids for one process slot without coordination: per shard, a millisecond and a
 * sequence of 64 ids within it. A burst beyond 64 ids per millisecond on one shard borrows the next
 * milliseconds, at most {@link #MAX_AHEAD_MILLIS} ahead of the clock, and waits beyond that.
 */
public final class IdGenerator {

  /** How far ahead of the wall clock a burst may run. */
  static final long MAX_AHEAD_MILLIS = 1_000;

  private static final long SEQUENCE_MASK = (1L << Ids.SEQUENCE_BITS) - 1;

  private final int slot;
  private final Clock clock;
  private final AtomicLongArray lastIssued = new AtomicLongArray(Ids.SHARDS);
  private volatile boolean valid = true;

  public IdGenerator(int slot, Clock clock) {
    if (slot < 0 || slot >= Ids.SLOTS) {
      throw new IllegalArgumentException("slot must be 0 to " + (Ids.SLOTS - 1));
    }
    this.slot = slot;
    this.clock = clock;
  }

  /** The process slot this generator issues ids for. */
  public int slot() {
    return slot;
  }

  /** A new id on the given shard. */
  public long next(short shard) {
    if (!valid) {
      throw new IllegalStateException("the id slot lease was lost; no ids can be issued");
    }
    if (shard < 0 || shard >= Ids.SHARDS) {
      throw new IllegalArgumentException("shard must be 0 to " + (Ids.SHARDS - 1));
    }
    while (true) {
      long now = clock.millis() - Ids.EPOCH;
      long previous = lastIssued.get(shard);
      long previousMillis = previous >>> Ids.SEQUENCE_BITS;
      long previousSequence = previous & SEQUENCE_MASK;
      long millis;
      long sequence;
      if (now > previousMillis) {
        millis = now;
        sequence = 0;
      } else if (previousSequence < SEQUENCE_MASK) {
        millis = previousMillis;
        sequence = previousSequence + 1;
      } else {
        millis = previousMillis + 1;
        sequence = 0;
        if (millis - now > MAX_AHEAD_MILLIS) {
          Thread.onSpinWait();
          continue;
        }
      }
      if (lastIssued.compareAndSet(shard, previous, (millis << Ids.SEQUENCE_BITS) | sequence)) {
        return Ids.compose(millis, shard, slot, sequence);
      }
    }
  }

  /** Stops issuing ids, once the slot may belong to another process. */
  void invalidate() {
    valid = false;
  }
}
