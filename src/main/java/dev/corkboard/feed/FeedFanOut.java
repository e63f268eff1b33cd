package dev.corkboard.feed;

import dev.corkboard.pin.PinFanOut;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.jobs.Job;
import dev.corkboard.platform.jobs.JobHandler;
import dev.corkboard.platform.jobs.JobQueue;
import dev.corkboard.platform.jobs.PermanentJobFailure;
import dev.corkboard.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Writes a new public pin to its board's followers' feeds in the background: enqueued as a job in
 * the pin's own transaction, run from the job table in batches of followers, each batch one
 * idempotent statement, so a crash loses no entry and a run repeated writes none twice.
 */
public final class FeedFanOut implements PinFanOut, JobHandler {

  /** The kind of the fan-out jobs. */
  public static final String KIND = "feed.fan_out";

  private final Database database;
  private final JobQueue jobs;
  private final ServerConfig.Feed settings;
  private final FeedRepository feeds = new FeedRepository();

  /** On about how many of the entries written to a feed it is trimmed back to its length. */
  static final int TRIM_EVERY = 16;

  private final int trimEvery;

  public FeedFanOut(Database database, JobQueue jobs, ServerConfig.Feed settings) {
    this(database, jobs, settings, TRIM_EVERY);
  }

  /** A fan-out that trims a feed on one in {@code trimEvery} of its entries (1: at every one). */
  FeedFanOut(Database database, JobQueue jobs, ServerConfig.Feed settings, int trimEvery) {
    this.database = database;
    this.jobs = jobs;
    this.settings = settings;
    this.trimEvery = trimEvery;
  }

  @Override
  public void enqueue(Sql tx, long pinId) {
    jobs.enqueue(tx, KIND, payload(pinId));
  }

  @Override
  public void enqueueAll(Sql tx, List<Long> pinIds) {
    if (!pinIds.isEmpty()) {
      tx.update(
          JobQueue.enqueueSql(KIND, "'{\"pin_id\":' || n.id || '}'", "unnest($1::bigint[]) n(id)"),
          (Object) pinIds.toArray(Long[]::new));
    }
  }

  @Override
  public String saveStatementPart() {
    return JobQueue.enqueueSql(
        KIND, "'{\"pin_id\":' || n.id || '}'", "new_pin n, target t WHERE t.privacy = 'PUBLIC'");
  }

  @Override
  public void wake() {
    jobs.wake();
  }

  static String payload(long pinId) {
    return "{\"pin_id\":" + pinId + "}";
  }

  @Override
  public void run(Job job) {
    var pin = Json.parseTrusted(job.payload().getBytes(StandardCharsets.UTF_8)).path("pin_id");
    if (!pin.canConvertToLong()) {
      throw new PermanentJobFailure("payload has no pin_id: " + job.payload());
    }
    fanOut(pin.asLong());
  }

  /**
   * Writes the pin to the feed of every follower of its board, batch by batch (the owner's
   * followers, then the board's own), and trims some of the feeds written to; answers how many
   * followers it reached (0 for a pin that is gone, not public, or whose owner's pins are merged at
   * read time).
   */
  long fanOut(long pinId) {
    Optional<FeedRepository.Source> source = feeds.source(database, pinId);
    if (source.isEmpty() || source.get().ownerFollowers() >= settings.mergeAbove()) {
      return 0;
    }
    return fanOut(pinId, source.get(), false) + fanOut(pinId, source.get(), true);
  }

  /** Writes the pin to one kind of its board's followers, as {@link #fanOut(long)} does. */
  private long fanOut(long pinId, FeedRepository.Source source, boolean direct) {
    long reached = 0;
    long beforeFollow = Long.MAX_VALUE;
    while (true) {
      long from = beforeFollow;
      // Each batch commits on its own: a repeated batch writes nothing new (the primary key).
      Optional<FeedRepository.Step> step =
          database.transaction(
              tx -> {
                Optional<FeedRepository.Step> written =
                    feeds.writeBatch(tx, pinId, source, direct, from, settings.batch());
                written.ifPresent(
                    s -> feeds.trim(tx, trimmed(pinId, s.followers()), settings.keep()));
                return written;
              });
      if (step.isEmpty()) {
        return reached;
      }
      reached += step.get().followers().size();
      if (step.get().followers().size() < settings.batch()) {
        return reached;
      }
      beforeFollow = step.get().lastFollow();
    }
  }

  /**
   * The feeds of {@code followers} that the entry of {@code pinId} trims back to their newest
   * {@code keep} entries: about one in {@link #TRIM_EVERY}, chosen by a hash of the pin and the
   * follower (so a job run again trims the same). Finding where a full feed's newest entries end
   * reads them all, so trimming at every entry would cost {@code keep} index entries per entry
   * written; a feed holds on average {@code TRIM_EVERY} entries more than {@code keep} instead.
   */
  List<Long> trimmed(long pinId, List<Long> followers) {
    if (trimEvery == 1) {
      return followers;
    }
    return followers.stream().filter(f -> Math.floorMod(mix(pinId ^ f), trimEvery) == 0).toList();
  }

  /** SplitMix64's finaliser: every bit of the result depends on every bit of {@code z}. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
