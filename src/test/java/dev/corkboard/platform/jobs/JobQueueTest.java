package dev.corkboard.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.corkboard.platform.db.Database;
import dev.corkboard.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobQueueTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Database db = TestDatabase.shared();
  private final List<JobQueue> queues = new ArrayList<>();
  private final List<CountDownLatch> latches = new ArrayList<>();
  private final String kind = "test-" + UUID.randomUUID();

  @AfterEach
  void stopQueues() {
    latches.forEach(CountDownLatch::countDown);
    queues.forEach(JobQueue::close);
  }

  @Test
  void runsJobOfCommittedTransactionOnceWithItsPayloadAndNeverOneOfRolledBackTransaction() {
    List<String> payloads = new CopyOnWriteArrayList<>();
    JobQueue queue = queue(settings(2, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(kind, job -> payloads.add(job.payload()));
    queue.start();

    AtomicLong rolledBack = new AtomicLong();
    assertThatThrownBy(
            () ->
                db.transaction(
                    sql -> {
                      rolledBack.set(queue.enqueue(sql, kind, "{\"n\":\"rolled back\"}"));
                      throw new IllegalStateException("caller fails after enqueueing");
                    }))
        .isInstanceOf(IllegalStateException.class);
    long committed = db.transaction(sql -> queue.enqueue(sql, kind, "{\"n\":\"committed\"}"));
    queue.wake();

    awaitTrue("committed job completes", () -> job(committed).isEmpty() && !payloads.isEmpty());
    queue.close();
    assertThat(payloads).containsExactly("{\"n\":\"committed\"}");
    assertThat(job(rolledBack.get())).isEmpty();
    assertThat(queue.pendingCount(kind)).isZero();
  }

  @Test
  void aQueueVacuumsTheJobTableEveryTwoThousandJobsItCompletes() {
    long before = vacuums();
    AtomicInteger ran = new AtomicInteger();
    JobQueue queue = queue(settings(2, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(kind, job -> ran.incrementAndGet());
    queue.start();

    db.update(
        "INSERT INTO jobs (kind, payload, run_at) SELECT $1, '{}', now() FROM generate_series(1, $2)",
        kind,
        JobQueue.VACUUM_EVERY);
    queue.wake();

    awaitTrue("every job completes", () -> queue.pendingCount(kind) == 0);
    assertThat(ran.get()).isEqualTo(JobQueue.VACUUM_EVERY);
    // The statistics reach other sessions within a second or so of the vacuum.
    awaitTrue("the table is vacuumed", () -> vacuums() > before);
  }

  private long vacuums() {
    return db.one(
            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'jobs'",
            row -> row.getLong(0))
        .orElseThrow();
  }

  @Test
  void retriesFailingHandlerWithGrowingBackoffUntilItSucceeds() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Set<String> payloads = ConcurrentHashMap.newKeySet();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JobQueue queue =
        queue(
            new JobQueue.Settings(
                1,
                Duration.ofMillis(20),
                Duration.ofMinutes(2),
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10)),
            clock,
            meters);
    queue.register(
        kind,
        job -> {
          attempts.add(job.attempt());
          payloads.add(job.payload());
          if (job.attempt() < 4) {
            throw new IllegalStateException("flaky " + job.attempt());
          }
        });
    queue.start();
    long id = db.transaction(sql -> queue.enqueue(sql, kind, "{}"));
    queue.wake();

    Instant failedAt = clock.instant();
    Duration expectedBackoff = Duration.ofSeconds(1);
    for (int attempt = 1; attempt <= 3; attempt++) {
      JobRow row = awaitRetryRecorded(id, attempt);
      assertThat(row.lastError()).isEqualTo("flaky " + attempt);
      assertThat(row.runAt())
          .isBetween(failedAt.plus(expectedBackoff.dividedBy(2)), failedAt.plus(expectedBackoff));
      clock.set(row.runAt());
      failedAt = row.runAt();
      expectedBackoff = expectedBackoff.multipliedBy(2);
      queue.wake();
    }

    // The row goes in the completing statement; the counter counts just after it commits.
    awaitTrue(
        "job completes on its fourth attempt",
        () -> job(id).isEmpty() && meters.counter("jobs.completed", "kind", kind).count() > 0);
    assertThat(attempts).containsExactly(1, 2, 3, 4);
    assertThat(payloads).containsExactly("{}");
    assertThat(meters.counter("jobs.retried", "kind", kind).count()).isEqualTo(3);
    assertThat(meters.counter("jobs.completed", "kind", kind).count()).isEqualTo(1);
  }

  @Test
  void givesUpAfterMaxAttemptsAndTellsTheHandlerOnce() {
    AtomicInteger runs = new AtomicInteger();
    List<String> reasons = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    JobQueue queue = queue(settings(2, Duration.ofMinutes(2), 3), Clock.systemUTC(), meters);
    queue.register(
        kind,
        new JobHandler() {
          @Override
          public void run(Job job) {
            runs.incrementAndGet();
            throw new IllegalStateException("boom " + job.attempt());
          }

          @Override
          public void gaveUp(Job job, String reason) {
            reasons.add(reason);
          }
        });
    queue.start();
    long id = db.transaction(sql -> queue.enqueue(sql, kind, "{}"));
    queue.wake();

    awaitTrue("queue gives up", () -> !reasons.isEmpty());
    queue.close();
    assertThat(runs).hasValue(3);
    assertThat(reasons).containsExactly("boom 3");
    assertThat(job(id))
        .get()
        .satisfies(
            row -> {
              assertThat(row.state()).isEqualTo("failed");
              assertThat(row.attempts()).isEqualTo(3);
              assertThat(row.lastError()).isEqualTo("boom 3");
            });
    assertThat(meters.counter("jobs.retried", "kind", kind).count()).isEqualTo(2);
    assertThat(meters.counter("jobs.failed", "kind", kind).count()).isEqualTo(1);
    assertThat(queue.pendingCount(kind)).isZero();
  }

  @Test
  void givesUpAtOnceOnPermanentFailure() {
    AtomicInteger runs = new AtomicInteger();
    List<String> reasons = new CopyOnWriteArrayList<>();
    JobQueue queue = queue(settings(2, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(
        kind,
        new JobHandler() {
          @Override
          public void run(Job job) {
            runs.incrementAndGet();
            throw new PermanentJobFailure("bytes are no image");
          }

          @Override
          public void gaveUp(Job job, String reason) {
            reasons.add(reason);
          }
        });
    queue.start();
    long id = db.transaction(sql -> queue.enqueue(sql, kind, "{}"));
    queue.wake();

    awaitTrue("queue gives up", () -> !reasons.isEmpty());
    queue.close();
    assertThat(runs).hasValue(1);
    assertThat(reasons).containsExactly("bytes are no image");
    assertThat(job(id))
        .get()
        .extracting(JobRow::state, JobRow::attempts)
        .containsExactly("failed", 1);
  }

  @Test
  void twoQueuesOnOneDatabaseNeverRunTheSameJobTwice() {
    Set<Long> running = ConcurrentHashMap.newKeySet();
    Map<Long, Integer> runs = new ConcurrentHashMap<>();
    List<Long> overlaps = new CopyOnWriteArrayList<>();
    JobHandler handler =
        job -> {
          if (!running.add(job.id())) {
            overlaps.add(job.id());
          }
          runs.merge(job.id(), 1, Integer::sum);
          Thread.sleep(1);
          running.remove(job.id());
        };
    JobQueue first = queue(settings(2, Duration.ofMinutes(2), 5), Clock.systemUTC());
    JobQueue second = queue(settings(2, Duration.ofMinutes(2), 5), Clock.systemUTC());
    first.register(kind, handler);
    second.register(kind, handler);
    first.start();
    second.start();

    List<Long> ids =
        db.transaction(
            sql -> {
              List<Long> enqueued = new ArrayList<>();
              for (int i = 0; i < 200; i++) {
                enqueued.add(first.enqueue(sql, kind, "{\"i\":" + i + "}"));
              }
              return enqueued;
            });
    first.wake();
    second.wake();

    awaitTrue("all 200 jobs complete", () -> first.pendingCount(kind) == 0);
    first.close();
    second.close();
    assertThat(overlaps).isEmpty();
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(runs.values()).containsOnly(1);
  }

  @Test
  void jobOfAWorkerThatDiedMidRunIsRunAgainWhenItsLeaseExpires() {
    CountDownLatch started = latch();
    CountDownLatch never = latch();
    JobQueue dead = queue(settings(1, Duration.ofMillis(500), 5), Clock.systemUTC());
    dead.register(
        kind,
        job -> {
          started.countDown();
          never.await(); // the process "dies" here: no outcome is ever recorded
        });
    dead.start();
    long id = db.transaction(sql -> dead.enqueue(sql, kind, "{\"survives\":true}"));
    dead.wake();
    await(started);

    List<Job> reruns = new CopyOnWriteArrayList<>();
    JobQueue restarted = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    restarted.register(kind, reruns::add);
    restarted.start();

    awaitTrue("the restarted queue completes the job", () -> job(id).isEmpty());
    assertThat(reruns)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.id()).isEqualTo(id);
              assertThat(job.attempt()).isEqualTo(2);
              assertThat(job.payload()).isEqualTo("{\"survives\":true}");
            });
  }

  @Test
  void workerThatOutlivedItsLeaseCannotCompleteTheJobAnotherWorkerClaimed() {
    CountDownLatch slowStarted = latch();
    CountDownLatch releaseSlow = latch();
    SimpleMeterRegistry slowMeters = new SimpleMeterRegistry();
    JobQueue slow = queue(settings(1, Duration.ofMillis(500), 5), Clock.systemUTC(), slowMeters);
    slow.register(
        kind,
        job -> {
          slowStarted.countDown();
          releaseSlow.await();
        });
    slow.start();
    long id = db.transaction(sql -> slow.enqueue(sql, kind, "{}"));
    slow.wake();
    await(slowStarted);

    CountDownLatch otherStarted = latch();
    CountDownLatch releaseOther = latch();
    JobQueue other = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    other.register(
        kind,
        job -> {
          otherStarted.countDown();
          releaseOther.await();
        });
    other.start();
    await(otherStarted);

    releaseSlow.countDown();
    slow.close(); // waits for the slow worker to try to complete its stale claim
    assertThat(slowMeters.counter("jobs.completed", "kind", kind).count()).isZero();
    assertThat(job(id))
        .get()
        .satisfies(
            row -> {
              assertThat(row.state()).isEqualTo("pending");
              assertThat(row.attempts()).isEqualTo(2);
              assertThat(row.lockedUntil()).isNotNull();
            });

    releaseOther.countDown();
    awaitTrue("the current owner completes the job", () -> job(id).isEmpty());
  }

  @Test
  void delayedJobDoesNotRunBeforeItsTime() {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    List<String> ran = new CopyOnWriteArrayList<>();
    JobQueue queue = queue(settings(1, Duration.ofMinutes(2), 5), clock);
    queue.register(kind, job -> ran.add(job.payload()));
    queue.start();
    long delayed =
        db.transaction(sql -> queue.enqueue(sql, kind, "\"later\"", Duration.ofHours(1)));
    db.transaction(sql -> queue.enqueue(sql, kind, "\"now\""));
    queue.wake();

    // One worker claims in run_at order, so the delayed job would have run first if it were due.
    awaitTrue("the undelayed job runs", () -> ran.contains("\"now\""));
    assertThat(ran).containsExactly("\"now\"");
    assertThat(job(delayed)).get().extracting(JobRow::attempts).isEqualTo(0);

    clock.set(clock.instant().plus(Duration.ofHours(1)));
    queue.wake();
    awaitTrue("the delayed job runs once due", () -> job(delayed).isEmpty());
    assertThat(ran).containsExactly("\"now\"", "\"later\"");
  }

  @Test
  void leavesJobsOfUnregisteredKindsAlone() {
    String foreignKind = "test-foreign-" + UUID.randomUUID();
    List<Long> ran = new CopyOnWriteArrayList<>();
    JobQueue queue = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(kind, job -> ran.add(job.id()));
    queue.start();
    long foreign = db.transaction(sql -> queue.enqueue(sql, foreignKind, "{}"));
    long own = db.transaction(sql -> queue.enqueue(sql, kind, "{}"));
    queue.wake();

    awaitTrue("own job completes", () -> job(own).isEmpty());
    try {
      assertThat(ran).containsExactly(own);
      assertThat(job(foreign))
          .get()
          .satisfies(
              row -> {
                assertThat(row.state()).isEqualTo("pending");
                assertThat(row.attempts()).isZero();
                assertThat(row.lockedUntil()).isNull();
              });
    } finally {
      db.update("DELETE FROM jobs WHERE id = $1", foreign);
    }
  }

  @Test
  void closeLetsARunningHandlerFinishAndCompletesItsJob() throws InterruptedException {
    CountDownLatch started = latch();
    CountDownLatch release = latch();
    AtomicInteger finished = new AtomicInteger();
    JobQueue queue = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(
        kind,
        job -> {
          started.countDown();
          release.await();
          finished.incrementAndGet();
        });
    queue.start();
    long id = db.transaction(sql -> queue.enqueue(sql, kind, "{}"));
    queue.wake();
    await(started);

    Thread closer = Thread.ofVirtual().start(queue::close);
    awaitTrue("close waits for the worker", () -> closer.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closer.join(PATIENCE);

    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).hasValue(1);
    assertThat(job(id)).isEmpty();
  }

  @Test
  void closeHandsBackAJobWhoseHandlerOutlivesTheGracePeriod() {
    CountDownLatch started = latch();
    JobQueue stopping =
        queue(
            new JobQueue.Settings(
                1,
                Duration.ofMillis(20),
                Duration.ofMinutes(2),
                5,
                Duration.ofMillis(1),
                Duration.ofMillis(100)),
            Clock.systemUTC());
    stopping.register(
        kind,
        job -> {
          started.countDown();
          Thread.sleep(Duration.ofMinutes(5));
        });
    stopping.start();
    long id = db.transaction(sql -> stopping.enqueue(sql, kind, "{}"));
    stopping.wake();
    await(started);

    stopping.close();
    assertThat(job(id))
        .get()
        .satisfies(
            row -> {
              assertThat(row.state()).isEqualTo("pending");
              assertThat(row.attempts()).isZero();
              assertThat(row.lockedUntil()).isNull();
            });

    List<Integer> attempts = new CopyOnWriteArrayList<>();
    JobQueue next = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    next.register(kind, job -> attempts.add(job.attempt()));
    next.start();
    awaitTrue("the next queue completes the job", () -> job(id).isEmpty());
    assertThat(attempts).containsExactly(1);
  }

  @Test
  void refusesToRegisterAfterStartOrTwiceForOneKind() {
    JobQueue queue = queue(settings(1, Duration.ofMinutes(2), 5), Clock.systemUTC());
    queue.register(kind, job -> {});
    assertThatThrownBy(() -> queue.register(kind, job -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(kind);
    queue.start();
    assertThatThrownBy(() -> queue.register("test-late", job -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(
            () ->
                new JobQueue.Settings(
                    0,
                    Duration.ofMillis(1),
                    Duration.ofMinutes(1),
                    5,
                    Duration.ofSeconds(1),
                    Duration.ZERO))
        .hasMessageContaining("workers");
    assertThatThrownBy(
            () ->
                new JobQueue.Settings(
                    1,
                    Duration.ofMillis(1),
                    Duration.ZERO,
                    5,
                    Duration.ofSeconds(1),
                    Duration.ZERO))
        .hasMessageContaining("lease");
  }

  private JobQueue queue(JobQueue.Settings settings, Clock clock) {
    return queue(settings, clock, new SimpleMeterRegistry());
  }

  private JobQueue queue(JobQueue.Settings settings, Clock clock, MeterRegistry meters) {
    JobQueue queue = new JobQueue(db, clock, settings, meters);
    queues.add(queue);
    return queue;
  }

  /** Fast polls and a tiny backoff, so retries happen within the test. */
  private static JobQueue.Settings settings(int workers, Duration lease, int maxAttempts) {
    return new JobQueue.Settings(
        workers,
        Duration.ofMillis(20),
        lease,
        maxAttempts,
        Duration.ofMillis(1),
        Duration.ofSeconds(10));
  }

  private CountDownLatch latch() {
    CountDownLatch latch = new CountDownLatch(1);
    latches.add(latch);
    return latch;
  }

  private JobRow awaitRetryRecorded(long id, int attempt) {
    awaitTrue(
        "attempt " + attempt + " is recorded as failed",
        () ->
            job(id)
                .filter(row -> row.attempts() == attempt && row.lockedUntil() == null)
                .isPresent());
    return job(id).orElseThrow();
  }

  private Optional<JobRow> job(long id) {
    return db.one(
        "SELECT state, attempts, run_at, locked_until, last_error FROM jobs WHERE id = $1",
        row ->
            new JobRow(
                row.getString("state"),
                row.getInteger("attempts"),
                row.getOffsetDateTime("run_at").toInstant(),
                Optional.ofNullable(row.getOffsetDateTime("locked_until"))
                    .map(t -> t.toInstant())
                    .orElse(null),
                row.getString("last_error")),
        id);
  }

  private static void await(CountDownLatch latch) {
    awaitTrue("latch opens", () -> latch.getCount() == 0);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting: " + what);
      }
    }
  }

  /** A job's row as the queue left it; {@code lockedUntil} is null when no worker holds it. */
  private record JobRow(
      String state, int attempts, Instant runAt, Instant lockedUntil, String lastError) {}

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
