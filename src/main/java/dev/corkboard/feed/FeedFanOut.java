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

  public FeedFanOut(Database database, JobQueue jobs, ServerConfig.Feed settings) {
    this.database = database;
    this.jobs = jobs;
    this.settings = settings;
  }

  @Override
  public void enqueue(Sql tx, long pinId) {
    jobs.enqueue(tx, KIND, payload(pinId));
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
   * Writes the pin to the feed of every follower of its board, batch by batch, and trims each feed
   * written to; answers how many followers it reached (0 for a pin that is gone, not public, or
   * whose owner's pins are merged at read time).
   */
  long fanOut(long pinId) {
    Optional<FeedRepository.Source> source = feeds.source(database, pinId);
    if (source.isEmpty() || source.get().ownerFollowers() >= settings.mergeAbove()) {
      return 0;
    }
    long reached = 0;
    short afterShard = -1;
    long afterFollower = 0;
    while (true) {
      short fromShard = afterShard;
      long fromFollower = afterFollower;
      // Each batch commits on its own: a repeated batch writes nothing new (the primary key).
      Optional<FeedRepository.Step> step =
          database.transaction(
              tx -> {
                Optional<FeedRepository.Step> written =
                    feeds.writeBatch(
                        tx, pinId, source.get(), fromShard, fromFollower, settings.batch());
                written.ifPresent(s -> feeds.trim(tx, s.followers(), settings.keep()));
                return written;
              });
      if (step.isEmpty()) {
        return reached;
      }
      reached += step.get().followers().size();
      if (step.get().followers().size() < settings.batch()) {
        return reached;
      }
      afterShard = step.get().lastShard();
      afterFollower = step.get().lastFollower();
    }
  }
}
