package dev.corkboard.platform.jobs;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background jobs stored in PostgreSQL on a few virtual-thread workers, with leases so that
 * several server processes share the work and a job whose process died is run again.
 *
 * <p>A claim sets a lease and counts the attempt in one statement; every later write about that run
 * is conditioned on the attempt number, so a worker that outlived its lease cannot complete, retry
 * or fail a job another worker has claimed since.
 */
public final class JobQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final int MAX_ERROR_LENGTH = 2_000;

  /** After how many jobs completed here the job table is vacuumed ({@link #vacuum}). */
  static final int VACUUM_EVERY = 2_000;

  private final AtomicLong completions = new AtomicLong();

  /**
   * How the queue runs jobs.
   *
   * @param workers how many jobs this process runs at once
   * @param pollInterval how long an idle worker waits before looking for due jobs again
   * @param lease how long a claimed job stays locked; must exceed the longest handler run
   * @param maxAttempts runs after which a failing job is given up
   * @param baseBackoff the wait before the first retry, doubled for each further one (up to 5
   *     minutes) and jittered down by up to half
   * @param shutdownGrace how long {@link #close} lets running handlers finish before interrupting
   */
  public record Settings(
      int workers,
      Duration pollInterval,
      Duration lease,
      int maxAttempts,
      Duration baseBackoff,
      Duration shutdownGrace) {

    public Settings {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, was " + workers);
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      requirePositive("pollInterval", pollInterval);
      requirePositive("lease", lease);
      requirePositive("baseBackoff", baseBackoff);
      if (shutdownGrace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative");
      }
    }

    /** Two workers, 250 ms polls, 2-minute leases, 5 attempts, backoff from 1 s, 10 s grace. */
    public static Settings defaults() {
      return new Settings(
          2,
          Duration.ofMillis(250),
          Duration.ofMinutes(2),
          5,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10));
    }

    private static void requirePositive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
    }
  }

  private record Registration(
      JobHandler handler, Counter completed, Counter retried, Counter failed) {}

  private final Database db;
  private final Clock clock;
  private final Settings settings;
  private final MeterRegistry meters;
  private final Map<String, Registration> handlers = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nudged = lock.newCondition();
  private long wakeCount; // guarded by lock
  private volatile boolean started;
  private volatile boolean closing;
  private volatile boolean interrupting;

  public JobQueue(Database db, Clock clock, Settings settings, MeterRegistry meters) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.meters = meters;
    Gauge.builder("jobs.due", this, JobQueue::dueCount)
        .description("Jobs of the kinds this server runs, due now or running, on every server")
        .register(meters);
  }

  /**
   * Jobs of the kinds this process runs that are due now or running, read at each scrape; NaN when
   * the database fails.
   */
  private double dueCount() {
    try {
      return db.one(
              "SELECT count(*) FROM jobs"
                  + " WHERE state = 'pending' AND run_at <= now() AND kind = ANY($1)",
              row -> row.getLong(0),
              (Object) handlers.keySet().toArray(String[]::new))
          .orElse(0L);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Makes this process run jobs of {@code kind}; only before {@link #start}. */
  public void register(String kind, JobHandler handler) {
    if (started) {
      throw new IllegalStateException("register job kinds before starting the queue");
    }
    if (kind.isBlank()) {
      throw new IllegalArgumentException("job kind must not be blank");
    }
    Registration registration =
        new Registration(
            handler,
            counter("jobs.completed", kind),
            counter("jobs.retried", kind),
            counter("jobs.failed", kind));
    if (handlers.putIfAbsent(kind, registration) != null) {
      throw new IllegalArgumentException("job kind " + kind + " is already registered");
    }
  }

  /**
   * Inserts a job in the caller's transaction, so it exists exactly when that transaction commits;
   * call {@link #wake} after the commit to run it without waiting for a poll.
   */
  public long enqueue(Sql sql, String kind, String payloadJson) {
    return enqueue(sql, kind, payloadJson, Duration.ZERO);
  }

  /** Like {@link #enqueue(Sql, String, String)}, but the job is not run before {@code delay}. */
  public long enqueue(Sql sql, String kind, String payloadJson, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return sql.one(
            "INSERT INTO jobs (kind, payload, run_at) VALUES ($1, $2, $3) RETURNING id",
            row -> row.getLong("id"),
            kind,
            payloadJson,
            now().plus(delay))
        .orElseThrow();
  }

  /**
   * A statement that enqueues, due now, one job of {@code kind} for each row of {@code from} (the
   * rest of a query after its {@code FROM}), with the SQL text expression {@code payload} as its
   * payload: for a data-modifying entry of another statement's {@code WITH}, so a job is inserted
   * by the very statement that makes it necessary.
   */
  public static String enqueueSql(String kind, String payload, String from) {
    if (!kind.matches("[a-z_.]+")) {
      throw new IllegalArgumentException("job kind must be lower-case letters, '_' and '.'");
    }
    return "INSERT INTO jobs (kind, payload, run_at) SELECT '%s', %s, now() FROM %s"
        .formatted(kind, payload, from);
  }

  /** Nudges idle workers to look for due jobs now. */
  public void wake() {
    lock.lock();
    try {
      wakeCount++;
      nudged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Starts the workers. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("the job queue is already started");
    }
    started = true;
    for (int i = 0; i < settings.workers(); i++) {
      workers.add(Thread.ofVirtual().name("job-worker-" + i).start(this::work));
    }
    LOG.info("job queue started: {} workers for {}", settings.workers(), handlers.keySet());
  }

  /** Jobs of {@code kind} waiting to run or running. */
  public long pendingCount(String kind) {
    return db.one(
            "SELECT count(*) FROM jobs WHERE state = 'pending' AND kind = $1",
            row -> row.getLong(0),
            kind)
        .orElseThrow();
  }

  /**
   * Stops claiming jobs and waits up to the grace period for running handlers; then interrupts them
   * and hands their jobs back, or leaves them to be run again when their lease expires.
   */
  @Override
  public synchronized void close() {
    closing = true;
    wake();
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    for (Thread worker : workers) {
      join(worker, deadline - System.nanoTime());
    }
    if (workers.stream().anyMatch(Thread::isAlive)) {
      interrupting = true;
      workers.forEach(Thread::interrupt);
      for (Thread worker : workers) {
        join(worker, TimeUnit.SECONDS.toNanos(1));
        if (worker.isAlive()) {
          LOG.warn("{} did not stop; its job runs again after its lease", worker.getName());
        }
      }
    }
  }

  private void work() {
    while (!closing) {
      long seen = wakeups();
      boolean ranOne = false;
      try {
        ranOne = runOne();
      } catch (RuntimeException e) {
        if (!closing) {
          LOG.warn("job queue could not claim or record a job", e);
        }
      }
      if (!ranOne) {
        idle(seen);
      }
    }
  }

  /** Claims one due job and runs it; answers whether there was one. */
  private boolean runOne() {
    Optional<Job> claimed = claim();
    if (claimed.isEmpty()) {
      return false;
    }
    Job job = claimed.get();
    // claim() takes only the kinds registered here, and a registration is never removed.
    Registration registration =
        Objects.requireNonNull(handlers.get(job.kind()), () -> "no handler for " + job.kind());
    if (job.attempt() > settings.maxAttempts()) {
      // Every earlier attempt lost its lease: the job may be what kills the process.
      giveUp(job, registration, "no outcome after " + settings.maxAttempts() + " attempts", null);
      return true;
    }
    try {
      registration.handler().run(job);
    } catch (Exception e) {
      if (interrupting) {
        handBack(job);
      } else if (e instanceof PermanentJobFailure || job.attempt() >= settings.maxAttempts()) {
        giveUp(job, registration, reason(e), e);
      } else {
        retry(job, registration, e);
      }
      return true;
    }
    if (db.update(
            """
            WITH no_wait AS (%s)
            DELETE FROM jobs WHERE id = $1 AND attempts = $2 AND (SELECT true FROM no_wait)
            """
                .formatted(NO_WAIT),
            job.id(),
            job.attempt())
        == 1) {
      registration.completed().increment();
      if (completions.incrementAndGet() % VACUUM_EVERY == 0) {
        vacuum();
      }
    } else {
      LOG.info("job {} ({}) finished after its lease expired", job.id(), job.kind());
    }
    return true;
  }

  /**
   * Lets the statement's own transaction commit without waiting for the disk: for the queue's
   * bookkeeping, whose loss in a crash only runs a job again (a claim lost leaves the job to be
   * claimed, a completion lost leaves it to be run again, and handlers are idempotent). A commit
   * that waits, of any transaction, makes every earlier one durable too, so only the latest are
   * ever lost.
   */
  private static final String NO_WAIT = "SELECT set_config('synchronous_commit', 'off', true)";

  /**
   * Lets a handler's transaction {@code tx} commit without waiting for the disk, for writes that
   * the job's completion follows: lost in a crash, they are lost with that completion (a later
   * commit), so the job runs again.
   */
  public static void commitWithoutWaiting(Sql tx) {
    tx.query(NO_WAIT);
  }

  /**
   * Clears the jobs deleted so far from the table and its index, and brings the planner's figures
   * up to date. A claim walks the index of due jobs from its oldest entry, past the entries of
   * deleted jobs until a vacuum removes them, and autovacuum comes by once a minute at best: on a
   * busy queue a claim would cost more with every job done since, and a backlog would slow its own
   * draining. Vacuuming a table of few live rows takes milliseconds.
   */
  private void vacuum() {
    try {
      db.update("VACUUM (ANALYZE) jobs");
    } catch (RuntimeException e) {
      LOG.debug("could not vacuum the job table", e);
    }
  }

  private Optional<Job> claim() {
    OffsetDateTime now = now();
    return db.one(
        """
        WITH no_wait AS (%s)
        UPDATE jobs SET attempts = attempts + 1, locked_until = $2
        WHERE id = (SELECT id FROM jobs
                    WHERE state = 'pending' AND run_at <= $1 AND kind = ANY($3)
                      AND (locked_until IS NULL OR locked_until <= $1)
                    ORDER BY run_at, id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
          AND (SELECT true FROM no_wait)
        RETURNING id, kind, payload, attempts
        """
            .formatted(NO_WAIT),
        row ->
            new Job(
                row.getLong("id"),
                row.getString("kind"),
                row.getString("payload"),
                row.getInteger("attempts")),
        now,
        now.plus(settings.lease()),
        handlers.keySet().toArray(String[]::new));
  }

  private void retry(Job job, Registration registration, Exception e) {
    Duration backoff = backoff(job.attempt());
    int updated =
        db.update(
            """
            UPDATE jobs SET run_at = $3, locked_until = NULL, last_error = $4
            WHERE id = $1 AND attempts = $2 AND state = 'pending'
            """,
            job.id(),
            job.attempt(),
            now().plus(backoff),
            truncate(reason(e)));
    if (updated == 1) {
      registration.retried().increment();
      LOG.warn(
          "job {} ({}) failed on attempt {}, retrying in {} ms: {}",
          job.id(),
          job.kind(),
          job.attempt(),
          backoff.toMillis(),
          e.toString());
    }
  }

  private void giveUp(
      Job job, Registration registration, String reason, @Nullable Exception cause) {
    int updated =
        db.update(
            """
            UPDATE jobs SET state = 'failed', locked_until = NULL, last_error = $3
            WHERE id = $1 AND attempts = $2 AND state = 'pending'
            """,
            job.id(),
            job.attempt(),
            truncate(reason));
    if (updated != 1) {
      return; // another worker owns the job since our lease expired
    }
    registration.failed().increment();
    LOG.warn(
        "job {} ({}) gave up on attempt {}: {}",
        job.id(),
        job.kind(),
        job.attempt(),
        reason,
        cause);
    try {
      registration.handler().gaveUp(job, reason);
    } catch (RuntimeException e) {
      LOG.warn("job {} ({}): gaveUp failed", job.id(), job.kind(), e);
    }
  }

  /** Releases a job whose run the shutdown interrupted, without counting the attempt. */
  private void handBack(Job job) {
    Thread.interrupted(); // the database client refuses to wait on an interrupted thread
    db.update(
        """
        UPDATE jobs SET locked_until = NULL, attempts = attempts - 1
        WHERE id = $1 AND attempts = $2 AND state = 'pending'
        """,
        job.id(),
        job.attempt());
    LOG.info("job {} ({}) interrupted by shutdown, handed back", job.id(), job.kind());
  }

  /** The wait before the retry that follows {@code attempt}: doubling, capped, equal jitter. */
  private Duration backoff(int attempt) {
    long micros = settings.baseBackoff().toNanos() / 1_000;
    long cap = Math.max(micros, MAX_BACKOFF.toNanos() / 1_000);
    for (int i = 1; i < attempt && micros < cap; i++) {
      micros *= 2;
    }
    micros = Math.min(micros, cap);
    micros = micros / 2 + ThreadLocalRandom.current().nextLong(micros - micros / 2 + 1);
    return Duration.ofNanos(micros * 1_000);
  }

  private void idle(long seen) {
    lock.lock();
    try {
      long remaining = settings.pollInterval().toNanos();
      while (!closing && wakeCount == seen && remaining > 0) {
        remaining = nudged.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      // only close() interrupts a worker; the loop sees closing and ends
    } finally {
      lock.unlock();
    }
  }

  private long wakeups() {
    lock.lock();
    try {
      return wakeCount;
    } finally {
      lock.unlock();
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private Counter counter(String name, String kind) {
    return Counter.builder(name).tag("kind", kind).register(meters);
  }

  private static void join(Thread thread, long nanos) {
    try {
      thread.join(Duration.ofNanos(Math.max(nanos, 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
  }
}
