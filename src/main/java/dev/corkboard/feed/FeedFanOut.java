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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes a new public pin to its board's followers' feeds in the background: enqueued as a job in
 * the pin's own transaction, run from the job table in batches of followers, each batch one
 * idempotent statement, so a crash loses no entry and a run repeated writes none twice. A job
 * writes at most {@link #CHUNK_BATCHES} batches and leaves the rest to a job it enqueues with its
 * last batch, so that no run outlasts its lease however many followers there are. Past its first
 * batch of entries, a fan-out is paced: this server's fan-outs together write at most {@code
 * ServerConfig.Feed.fanOutRate} entries a second beyond their first batches, so that a save by a
 * much followed account leaves the database to the requests.
 */
public final class FeedFanOut implements PinFanOut, JobHandler {

  /** The kind of the fan-out jobs. */
  public static final String KIND = "feed.fan_out";

  /** The batches one job writes at most before it hands on to the next. */
  static final int CHUNK_BATCHES = 10;

  private final Database database;
  private final JobQueue jobs;
  private final ServerConfig.Feed settings;
  private final FeedRepository feeds = new FeedRepository();
  private final Pacer pacer;

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
    this.pacer = new Pacer(settings.fanOutRate());
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

  /**
   * Where a fan-out stands: the pin, which of its board's followers it writes to (the owner's, then
   * the board's own) and the follow it goes on from, exclusive (newest first).
   */
  record Cursor(long pinId, boolean direct, long beforeFollow) {

    /** The start of the pin's fan-out. */
    static Cursor start(long pinId) {
      return new Cursor(pinId, false, Long.MAX_VALUE);
    }

    /** The job's payload that goes on from here. */
    String payload() {
      return "{\"pin_id\":%d,\"direct\":%b,\"before_follow\":%d}"
          .formatted(pinId, direct, beforeFollow);
    }

    /** The cursor of a job's payload; the first of a pin's when it names only the pin. */
    static Cursor of(String payload) {
      var json = Json.parseTrusted(payload.getBytes(StandardCharsets.UTF_8));
      var pin = json.path("pin_id");
      var before = json.path("before_follow");
      if (!pin.canConvertToLong() || (!before.isMissingNode() && !before.canConvertToLong())) {
        throw new PermanentJobFailure("payload has no pin_id or a bad before_follow: " + payload);
      }
      return before.isMissingNode()
          ? start(pin.asLong())
          : new Cursor(pin.asLong(), json.path("direct").asBoolean(), before.asLong());
    }
  }

  /**
   * What a part of a fan-out did: the followers it reached, and where the rest goes on (empty when
   * there is no rest).
   */
  private record Part(long reached, Optional<Cursor> next) {}

  @Override
  public void run(Job job) throws InterruptedException {
    writeFrom(Cursor.of(job.payload()), true);
  }

  /**
   * Writes the pin to the feed of every follower of its board, batch by batch (the owner's
   * followers, then the board's own), here and now, and trims some of the feeds written to; answers
   * how many followers it reached (0 for a pin that is gone, not public, or whose owner's pins are
   * merged at read time).
   */
  long fanOut(long pinId) throws InterruptedException {
    long reached = 0;
    Optional<Cursor> at = Optional.of(Cursor.start(pinId));
    while (at.isPresent()) {
      Part part = writeFrom(at.get(), false);
      reached += part.reached();
      at = part.next();
    }
    return reached;
  }

  /**
   * Writes up to {@link #CHUNK_BATCHES} batches of the fan-out from {@code at}. With {@code
   * handOn}, a rest is left to a job enqueued in the last batch's transaction, so that the rest is
   * written whatever happens to this run after that batch commits.
   */
  private Part writeFrom(Cursor at, boolean handOn) throws InterruptedException {
    Optional<FeedRepository.Source> source = feeds.source(database, at.pinId());
    if (source.isEmpty() || source.get().ownerFollowers() >= settings.mergeAbove()) {
      return new Part(0, Optional.empty());
    }
    boolean goingOn = !at.equals(Cursor.start(at.pinId()));
    long reached = 0;
    Cursor cursor = at;
    for (int b = 0; b < CHUNK_BATCHES; b++) {
      // A fan-out's first batch of entries is written at once, so that an ordinary account's pins
      // reach feeds without delay; only a fan-out beyond it waits for the pace.
      boolean paced = goingOn || reached >= settings.batch();
      long started = paced ? pacer.await() : 0;
      Cursor from = cursor;
      boolean last = b == CHUNK_BATCHES - 1;
      // Each batch commits on its own: a repeated batch writes nothing new (the primary key).
      Batch batch =
          database.transaction(
              tx -> {
                JobQueue.commitWithoutWaiting(tx);
                Batch written = writeBatch(tx, from, source.get(), settings.batch());
                Optional<Cursor> direct = written.next().filter(c -> c.direct() && !from.direct());
                if (direct.isPresent() && written.followers() < settings.batch()) {
                  // The owner's followers ended short of a batch: the board's own fill it up.
                  Batch more =
                      writeBatch(
                          tx, direct.get(), source.get(), settings.batch() - written.followers());
                  written = new Batch(written.followers() + more.followers(), more.next());
                }
                if (last && handOn) {
                  written.next().ifPresent(c -> jobs.enqueue(tx, KIND, c.payload()));
                }
                return written;
              });
      reached += batch.followers();
      if (paced) {
        pacer.paid(batch.followers(), started);
      }
      if (batch.next().isEmpty()) {
        return new Part(reached, Optional.empty());
      }
      cursor = batch.next().get();
    }
    if (handOn) {
      jobs.wake();
    }
    return new Part(reached, Optional.of(cursor));
  }

  /** Writes the entries of up to {@code limit} followers from {@code from}, trimming some feeds. */
  private Batch writeBatch(Sql tx, Cursor from, FeedRepository.Source source, int limit) {
    Optional<FeedRepository.Step> step =
        feeds.writeBatch(tx, from.pinId(), source, from.direct(), from.beforeFollow(), limit);
    step.ifPresent(s -> feeds.trim(tx, trimmed(from.pinId(), s.followers()), settings.keep()));
    return next(from, step, limit);
  }

  /** A batch written: the followers it reached, and where the fan-out goes on, if it does. */
  private record Batch(int followers, Optional<Cursor> next) {}

  /**
   * Where the fan-out goes on after the batch {@code step} of up to {@code limit} followers from
   * {@code from}: after its last follow when it was full, else with the board's own followers after
   * the owner's, else nowhere.
   */
  private static Batch next(Cursor from, Optional<FeedRepository.Step> step, int limit) {
    int followers = step.map(s -> s.followers().size()).orElse(0);
    if (step.isPresent() && followers >= limit) {
      return new Batch(
          followers, Optional.of(new Cursor(from.pinId(), from.direct(), step.get().lastFollow())));
    }
    return new Batch(
        followers,
        from.direct()
            ? Optional.empty()
            : Optional.of(new Cursor(from.pinId(), true, Long.MAX_VALUE)));
  }

  /**
   * Spaces the batches of a server's fan-outs so that together they write at most {@code rate}
   * entries a second: a batch waits until the entries of those before it are paid for.
   */
  static final class Pacer {
    private final long nanosPerEntry;
    private final ReentrantLock lock = new ReentrantLock();
    private long next = System.nanoTime();

    Pacer(int rate) {
      this.nanosPerEntry = rate == 0 ? 0 : 1_000_000_000L / rate;
    }

    /** Waits until the entries written so far are paid for; answers when it stopped waiting. */
    long await() throws InterruptedException {
      if (nanosPerEntry == 0) {
        return 0;
      }
      long wait;
      lock.lock();
      try {
        wait = next - System.nanoTime();
      } finally {
        lock.unlock();
      }
      if (wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
      return System.nanoTime();
    }

    /**
     * Counts {@code entries} written by a batch that {@code started} then: paid for from then, or
     * from when those before it were paid for, if later.
     */
    void paid(int entries, long started) {
      if (nanosPerEntry == 0) {
        return;
      }
      lock.lock();
      try {
        next = Math.max(next, started) + entries * nanosPerEntry;
      } finally {
        lock.unlock();
      }
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
