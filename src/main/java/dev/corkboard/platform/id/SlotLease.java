package dev.corkboard.platform.id;

import dev.corkboard.platform.db.Sql;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases one of the {@link Ids#SLOTS} process slots from the database, so no two live processes
 * issue ids with the same slot bits. The lease is renewed in the background; a lease that could not
 * be renewed in time stops the generator instead of risking duplicate ids.
 */
public final class SlotLease implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlotLease.class);
  private static final int LEASE_SECONDS = 60;
  private static final int RENEW_SECONDS = 15;

  private final Sql sql;
  private final String holder;
  private final int slot;
  private final IdGenerator generator;
  private final ScheduledExecutorService renewer;

  private SlotLease(Sql sql, String holder, int slot, IdGenerator generator) {
    this.sql = sql;
    this.holder = holder;
    this.slot = slot;
    this.generator = generator;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "id-slot-lease");
              thread.setDaemon(true);
              return thread;
            });
    // renew() catches and logs its own failures, so the future never holds one to look at.
    ScheduledFuture<?> _ =
        renewer.scheduleAtFixedRate(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
  }

  /** Takes a free slot, or fails when every slot is held by a live process. */
  public static SlotLease acquire(Sql sql, java.time.Clock clock) {
    String holder = UUID.randomUUID().toString();
    Integer slot =
        sql.one(
                """
                UPDATE id_slots SET holder = $1, expires_at = now() + make_interval(secs => $2)
                WHERE slot = (SELECT slot FROM id_slots WHERE expires_at < now()
                              ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING slot
                """,
                row -> (int) row.getShort("slot"),
                holder,
                LEASE_SECONDS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "all "
                            + Ids.SLOTS
                            + " id slots are leased by running processes; stop one or wait "
                            + LEASE_SECONDS
                            + " s for a crashed process's lease to expire"));
    return new SlotLease(sql, holder, slot, new IdGenerator(slot, clock));
  }

  /** The generator that issues ids under this lease. */
  public IdGenerator generator() {
    return generator;
  }

  private void renew() {
    try {
      int renewed =
          sql.update(
              """
              UPDATE id_slots SET expires_at = now() + make_interval(secs => $3)
              WHERE slot = $1 AND holder = $2
              """,
              (short) slot,
              holder,
              LEASE_SECONDS);
      if (renewed == 0) {
        LOG.error("id slot {} was taken over by another process; refusing to issue ids", slot);
        generator.invalidate();
      }
    } catch (RuntimeException e) {
      LOG.warn("could not renew the lease of id slot {}: {}", slot, e.getMessage());
    }
  }

  /**
   * Gives the slot back. It stays blocked for a few seconds, longer than ids may run ahead of the
   * clock, so the next holder cannot repeat an id issued here.
   */
  @Override
  public void close() {
    renewer.shutdownNow();
    generator.invalidate();
    try {
      sql.update(
          """
          UPDATE id_slots SET holder = NULL, expires_at = now() + interval '3 seconds'
          WHERE slot = $1 AND holder = $2
          """,
          (short) slot,
          holder);
    } catch (RuntimeException e) {
      LOG.warn("could not release id slot {}: {}", slot, e.getMessage());
    }
  }
}
