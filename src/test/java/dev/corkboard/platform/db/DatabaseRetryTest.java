package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.support.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions and statements that lose to a deadlock or a serialization failure are run again
 * inside the server, on the real embedded PostgreSQL; only when every attempt lost does the caller
 * hear of it, as a 503. A transaction, whose BEGIN travels with its first statement, commits what
 * its statements wrote, and nothing when one of them failed.
 */
class DatabaseRetryTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final String table = "retry_probe_" + System.nanoTime();
  private Database db;

  @BeforeEach
  void connect() {
    db = Database.connect(TestServer.shared().databaseSettings(), 4, meters);
    db.update("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL)");
    db.update("INSERT INTO " + table + " VALUES (1, 0), (2, 0)");
  }

  @AfterEach
  void close() {
    db.update("DROP TABLE IF EXISTS " + table);
    db.update("DROP FUNCTION IF EXISTS " + table + "_fails_once()");
    db.update("DROP SEQUENCE IF EXISTS " + table + "_calls");
    db.close();
  }

  @Test
  void aTransactionThatLosesADeadlockRunsAgainAndBothCommit() throws Exception {
    CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);
    AtomicInteger attempts = new AtomicInteger();
    // Each takes one row, waits until the other holds the other row, then takes that one too:
    // PostgreSQL aborts one of them with 40P01.
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    List<CompletableFuture<Integer>> writers =
        List.of(1, 2).stream()
            .map(
                first ->
                    CompletableFuture.supplyAsync(
                        () ->
                            db.transaction(
                                tx -> {
                                  attempts.incrementAndGet();
                                  bump(tx, first);
                                  bothHoldTheirFirstRow.countDown();
                                  awaitQuietly(bothHoldTheirFirstRow);
                                  bump(tx, 3 - first);
                                  return first;
                                }),
                        threads))
            .toList();
    for (CompletableFuture<Integer> writer : writers) {
      assertThat(writer.get(30, TimeUnit.SECONDS)).isPositive();
    }
    threads.close();
    // The loser runs again. Its new attempt may take its first row before the winner, which was
    // waiting for it, wakes up: then they deadlock once more, and one of them runs again too.
    assertThat(attempts.get()).as("attempts: the loser ran once more").isGreaterThanOrEqualTo(3);
    assertThat(db.list("SELECT n FROM " + table + " ORDER BY id", r -> r.getInteger(0)))
        .as("both transactions' writes, each once")
        .containsExactly(2, 2);
    assertThat(meters.get("db.transactions.retried").counter().count())
        .as("one retry per attempt lost")
        .isEqualTo(attempts.get() - 2);
  }

  @Test
  void aTransactionThatKeepsFailingToSerializeIsAnswered503AfterTheLastAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx -> {
                      attempts.incrementAndGet();
                      bump(tx, 1);
                      tx.query(
                          "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001',"
                              + " MESSAGE = 'probe'; END $$");
                    }))
        .isInstanceOfSatisfying(
            ApiException.Unavailable.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(attempts.get()).isEqualTo(Database.ATTEMPTS);
    assertThat(db.list("SELECT n FROM " + table + " WHERE id = 1", r -> r.getInteger(0)))
        .as("nothing written")
        .containsExactly(0);
    assertThat(meters.get("db.transactions.conflicted").counter().count()).isEqualTo(1);
  }

  @Test
  void aStatementOutsideATransactionThatLosesADeadlockIsSentAgain() {
    // Fails with 40P01 on its first call only, as a statement chosen as a deadlock's victim does.
    db.update("CREATE SEQUENCE " + table + "_calls");
    db.update(
        """
        CREATE FUNCTION %1$s_fails_once() RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('%1$s_calls') = 1 THEN
            RAISE EXCEPTION USING ERRCODE = '40P01', MESSAGE = 'probe';
          END IF;
          RETURN 7;
        END $$
        """
            .formatted(table));
    assertThat(db.one("SELECT " + table + "_fails_once()", r -> r.getInteger(0))).contains(7);
    assertThat(db.one("SELECT last_value FROM " + table + "_calls", r -> r.getLong(0)))
        .as("calls")
        .contains(2L);
    assertThat(meters.get("db.transactions.retried").counter().count()).isEqualTo(1);
  }

  @Test
  void aFailureThatIsNotAConflictIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx -> {
                      attempts.incrementAndGet();
                      tx.update("INSERT INTO " + table + " VALUES (1, 0)");
                    }))
        .isInstanceOf(UniqueViolation.class);
    assertThat(attempts.get()).isEqualTo(1);
  }

  private void bump(Sql tx, int id) {
    tx.update("UPDATE " + table + " SET n = n + 1 WHERE id = $1", id);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTransactionWhoseStatementFailedIsRolledBackEvenWhenTheWorkCaughtTheFailure() {
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx -> {
                      tx.update("UPDATE " + table + " SET n = 5 WHERE id = 1");
                      try {
                        tx.update("INSERT INTO " + table + " VALUES (1, 9)");
                      } catch (UniqueViolation caught) {
                        // Swallowed: the transaction is aborted all the same.
                      }
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(db.one("SELECT n FROM " + table + " WHERE id = 1", r -> r.getInteger(0)))
        .contains(0);
    // The connection went back to the pool outside any transaction: the next one works.
    db.inTransaction(tx -> tx.update("UPDATE " + table + " SET n = 6 WHERE id = 2"));
    assertThat(db.one("SELECT n FROM " + table + " WHERE id = 2", r -> r.getInteger(0)))
        .contains(6);
  }

  @Test
  void aTransactionCommitsWhatItsStatementsWroteWhenItsBeginTravelledWithTheFirst() {
    int written =
        db.transaction(
            tx -> {
              tx.update("UPDATE " + table + " SET n = n + 1 WHERE id = 1");
              return tx.one("SELECT n FROM " + table + " WHERE id = 1", r -> r.getInteger(0))
                  .orElseThrow();
            });

    assertThat(written).isEqualTo(1);
    assertThat(db.one("SELECT n FROM " + table + " WHERE id = 1", r -> r.getInteger(0)))
        .contains(1);
    // Its statements ran in one transaction: both see the same transaction start time.
    boolean sameStart =
        db.transaction(
            tx -> {
              String first = tx.one("SELECT now()::text", r -> r.getString(0)).orElseThrow();
              tx.one("SELECT pg_sleep(0.01)", r -> 0);
              return first.equals(tx.one("SELECT now()::text", r -> r.getString(0)).orElseThrow());
            });
    assertThat(sameStart).isTrue();
  }
}
