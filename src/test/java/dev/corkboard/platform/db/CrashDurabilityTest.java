package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.ImageServer;
import dev.corkboard.support.Postmaster;
import dev.corkboard.support.ServerProcess;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import dev.corkboard.support.Waits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Crashes a real {@code corkboard serve} process again and again while eight writers work on it
 * over HTTP: by SIGKILL to the server alone (its PostgreSQL is orphaned and stopped at the next
 * start) or to the server and its PostgreSQL together. After each restart on the same data
 * directory it checks, through the public API, that every acknowledged write is there and every
 * acknowledged delete is gone, that every count matches a recount of the listings, and that every
 * pin's image was processed, exactly once; and in the job table that no job was lost.
 *
 * <p>{@code -Dcorkboard.crash.kills=N} sets the number of kills (default 6, half of each kind) and
 * {@code -Dcorkboard.crash.seed=S} the seed of the writers' and the kills' choices.
 */
class CrashDurabilityTest {

  private static final int ACCOUNTS = 4;
  private static final int WRITERS_PER_ACCOUNT = 2;
  private static final int MAX_WRITES_PER_ROUND = 2_000;
  private static final int WARM_UP_WRITES = 8;
  private static final Duration JOBS_TIMEOUT = Duration.ofSeconds(30);

  /** Short job leases, so a job the crash interrupted runs again within seconds. */
  private static final List<String> SERVE_OPTIONS = List.of("--job-lease-seconds", "2");

  @Test
  void everyAcknowledgedWriteSurvivesKillsOfTheServerAndOfItsPostgres() throws Exception {
    int kills = Integer.getInteger("corkboard.crash.kills", 6);
    long seed = Long.getLong("corkboard.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    CrashTally tally = new CrashTally();
    long started = System.nanoTime();
    Path dataDir = TestServer.newDataDir();
    ExecutorService pool = Executors.newFixedThreadPool(ACCOUNTS * WRITERS_PER_ACCOUNT);
    AtomicReference<ServerProcess> server = new AtomicReference<>();
    try (ImageServer images = new ImageServer()) {
      server.set(ServerProcess.start(dataDir, SERVE_OPTIONS));
      List<List<CrashWriter>> accounts = signUp(server.get(), images, seed, tally);
      List<Boolean> schedule = schedule(kills, random);
      for (int k = 0; k < schedule.size(); k++) {
        writeAndKill(server.get(), accounts, schedule.get(k), random, pool, tally);
        server.set(ServerProcess.start(dataDir, SERVE_OPTIONS));
        audit(server.get(), accounts, pool, tally, k == schedule.size() - 1);
        if (!tally.findings().isEmpty()) {
          break; // the first audit that finds something has said what the test needs to say
        }
      }
      server.get().stop();
    } finally {
      pool.shutdownNow();
      if (server.get() != null) {
        server.get().close();
      }
    }

    String summary =
        tally.summary(seed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    System.out.println(summary);
    assertThat(tally.findings()).as(summary).isEmpty();
    assertThat(tally.verified.get()).as(summary).isEqualTo(tally.acknowledged.get());
  }

  /** Half the kills take PostgreSQL down too, in a random order. */
  private static List<Boolean> schedule(int kills, Random random) {
    List<Boolean> withPostgres = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      withPostgres.add(i % 2 == 1);
    }
    Collections.shuffle(withPostgres, random);
    return withPostgres;
  }

  private static List<List<CrashWriter>> signUp(
      ServerProcess server, ImageServer images, long seed, CrashTally tally) {
    Api anonymous = Api.of(server.baseUrl());
    List<List<CrashWriter>> accounts = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      Users.User user = Users.signUp(anonymous);
      List<CrashWriter> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS_PER_ACCOUNT; w++) {
        int number = a * WRITERS_PER_ACCOUNT + w;
        writers.add(new CrashWriter(number, user.token(), images, seed * 31 + number, tally));
      }
      accounts.add(writers);
    }
    return accounts;
  }

  /** Lets every writer loose, kills the server at a random moment, and waits for the writers. */
  private static void writeAndKill(
      ServerProcess server,
      List<List<CrashWriter>> accounts,
      boolean withPostgres,
      Random random,
      ExecutorService pool,
      CrashTally tally)
      throws Exception {
    List<Future<Integer>> writing = new ArrayList<>();
    for (List<CrashWriter> writers : accounts) {
      for (CrashWriter writer : writers) {
        writing.add(
            pool.submit(() -> writer.writeUntilUnanswered(server.baseUrl(), MAX_WRITES_PER_ROUND)));
      }
    }
    // Under load: once the restarted server has answered some writes, at a random moment.
    int before = tally.acknowledged.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (tally.acknowledged.get() < before + WARM_UP_WRITES && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(random.nextInt(1_500));
    if (withPostgres) {
      server.killWithDatabase();
      tally.killsOfServerAndDatabase.incrementAndGet();
    } else {
      server.kill();
      tally.killsOfServer.incrementAndGet();
    }
    int acknowledged = 0;
    for (Future<Integer> writer : writing) {
      acknowledged += writer.get(60, TimeUnit.SECONDS);
    }
    assertThat(acknowledged).as("writes acknowledged before the kill").isPositive();
  }

  /** Audits every account at once, then the job table; the last audit validates what it reads. */
  private static void audit(
      ServerProcess server,
      List<List<CrashWriter>> accounts,
      ExecutorService pool,
      CrashTally tally,
      boolean last)
      throws Exception {
    List<Future<?>> audits = new ArrayList<>();
    for (int a = 0; a < accounts.size(); a++) {
      AccountAudit audit =
          new AccountAudit(server.baseUrl(), accounts.get(a), tally, "account " + a, last);
      audits.add(pool.submit(audit::run));
    }
    for (Future<?> audit : audits) {
      audit.get(120, TimeUnit.SECONDS);
    }
    auditJobs(server, tally);
  }

  /**
   * Reads the job table and the media rows directly, on the data directory's PostgreSQL: once every
   * job has run, none is left pending or failed, every image is ready with one set of the four
   * variants, and no URL was taken up twice. The client is closed before the next kill, so the next
   * start finds the PostgreSQL it stops as a crashed server leaves it.
   */
  private static void auditJobs(ServerProcess server, CrashTally tally) {
    Postmaster postgres = server.postmaster().orElseThrow();
    ConnectionSettings settings =
        new ConnectionSettings("127.0.0.1", postgres.port(), "postgres", "postgres", "");
    try (Database db = Database.connect(settings, 1, new SimpleMeterRegistry())) {
      long deadline = System.nanoTime() + JOBS_TIMEOUT.toNanos();
      while (count(db, "SELECT count(*) FROM jobs WHERE state = 'pending'") > 0
          && System.nanoTime() < deadline) {
        Waits.sleep(200);
      }
      report(tally, tally.jobsLost, db, "jobs still pending", "state = 'pending'", "jobs");
      report(tally, tally.jobsLost, db, "jobs given up", "state = 'failed'", "jobs");
      report(tally, tally.jobsLost, db, "images not ready", "state <> 'ready'", "media");
      report(
          tally, tally.jobsLost, db, "sources not fetched", "state <> 'fetched'", "media_sources");
      report(
          tally,
          tally.jobsDuplicated,
          db,
          "images without exactly one set of variants",
          "state = 'ready' AND (SELECT count(*) FROM jsonb_object_keys(variants)) <> 4",
          "media");
      long reused =
          count(
              db,
              "SELECT count(*) FROM (SELECT url FROM media_sources WHERE url IS NOT NULL"
                  + " GROUP BY url HAVING count(*) > 1) AS twice");
      if (reused > 0) {
        tally.found(tally.jobsDuplicated, reused + " image URLs have more than one source");
      }
    }
  }

  private static void report(
      CrashTally tally,
      java.util.concurrent.atomic.AtomicInteger kind,
      Database db,
      String what,
      String where,
      String table) {
    long n = count(db, "SELECT count(*) FROM " + table + " WHERE " + where);
    if (n > 0) {
      tally.found(kind, n + " " + what);
    }
  }

  private static long count(Database db, String sql) {
    return db.one(sql, row -> row.getLong(0)).orElseThrow();
  }
}
