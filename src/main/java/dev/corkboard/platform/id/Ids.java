package dev.corkboard.platform.id;

import java.time.Instant;

/**
 * The layout of public ids: 41 bits of milliseconds since {@link #EPOCH}, 12 bits of virtual shard
 * (0-4095), 4 bits of process slot and 6 bits of sequence. An id is a positive 64-bit number that
 * sorts by creation time and tells its shard without a lookup.
 */
public final class Ids {

  /** 2026-01-01T00:00Z, the zero of the id clock. */
  public static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** How many virtual shards there are. */
  public static final int SHARDS = 4096;

  static final int SEQUENCE_BITS = 6;
  static final int SLOT_BITS = 4;
  static final int SHARD_BITS = 12;
  static final int LOW_BITS = SEQUENCE_BITS + SLOT_BITS;

  /** How many process slots there are, so how many server processes may issue ids at once. */
  public static final int SLOTS = 1 << SLOT_BITS;

  private Ids() {}

  /** The shard an id lives on. */
  public static short shardOf(long id) {
    return (short) ((id >>> LOW_BITS) & (SHARDS - 1));
  }

  /**
   * {@link #shardOf} in SQL: the shard of the bigint expression {@code id}, as a smallint, for a
   * statement that follows an id to another row (a pin's parent) without a lookup.
   */
  public static String shardSql(String id) {
    return "((" + id + " >> " + LOW_BITS + ") & " + (SHARDS - 1) + ")::smallint";
  }

  /** The millisecond an id was issued in (to the precision of the id clock). */
  public static Instant instantOf(long id) {
    return Instant.ofEpochMilli(EPOCH + (id >>> (LOW_BITS + SHARD_BITS)));
  }

  static long compose(long millis, int shard, int slot, long sequence) {
    return (millis << (LOW_BITS + SHARD_BITS))
        | ((long) shard << LOW_BITS)
        | ((long) slot << SEQUENCE_BITS)
        | sequence;
  }

  /** The smallest id issued at {@code instant} or later: ids above it were issued from then on. */
  public static long firstAt(Instant instant) {
    return Math.max(0, instant.toEpochMilli() - EPOCH) << (LOW_BITS + SHARD_BITS);
  }
}
