package dev.corkboard.platform.db;

import dev.corkboard.platform.api.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL client of the process: a few long-lived connections driven by Vert.x, used from
 * virtual threads through blocking calls. Statements are prepared once per connection and cached.
 */
public final class Database implements Sql, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** How often a transaction or statement is tried before the caller is answered 503. */
  static final int ATTEMPTS = 5;

  /** Half the bound of the first pause between attempts; the bound doubles with each attempt. */
  private static final long BACKOFF_MILLIS = 5;

  /** SQLSTATEs of a transaction rolled back because it lost to another: deadlock, serialization. */
  private static final Set<String> RETRYABLE = Set.of("40P01", "40001");

  private final Vertx vertx;
  private final Pool pool;
  private final PgConnectOptions options;
  private final int poolSize;
  private final Timer queries;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger transactionsOpen = new AtomicInteger();
  private final Counter retries;
  private final Counter exhausted;

  private Database(
      Vertx vertx, Pool pool, PgConnectOptions options, int poolSize, MeterRegistry meters) {
    this.vertx = vertx;
    this.pool = pool;
    this.options = options;
    this.poolSize = poolSize;
    this.queries =
        Timer.builder("db.queries")
            .description("Statements sent to PostgreSQL")
            .publishPercentileHistogram()
            .register(meters);
    this.retries =
        Counter.builder("db.transactions.retried")
            .description(
                "Transactions and statements run again after a deadlock or serialization failure")
            .register(meters);
    this.exhausted =
        Counter.builder("db.transactions.conflicted")
            .description("Transactions given up after every attempt lost to concurrent writes")
            .register(meters);
    Gauge.builder("db.pool.size", this, d -> d.poolSize)
        .description("Connections the pool may open")
        .register(meters);
    Gauge.builder("db.pool.connections", pool, Pool::size)
        .description("Connections the pool holds now")
        .register(meters);
    Gauge.builder("db.queries.in_flight", inFlight, AtomicInteger::get)
        .description("Statements sent and not yet answered")
        .register(meters);
    Gauge.builder("db.transactions.open", transactionsOpen, AtomicInteger::get)
        .description("Transactions holding a connection")
        .register(meters);
  }

  /** Connects a pool of {@code poolSize} connections to the database. */
  public static Database connect(ConnectionSettings settings, int poolSize, MeterRegistry meters) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setDatabase(settings.database())
            .setUser(settings.user())
            .setPassword(settings.password())
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(512)
            .setPipeliningLimit(256);
    // No timeout on waiting for a connection: a waiter would cost a timer each, and in Vert.x 5.0
    // a timer firing after its wait had ended logs "Promise already completed" (vertx-sql-client
    // #1567). Waits stay short because statements do: the pool serves them in order.
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(poolSize).setShared(false).setConnectionTimeout(0))
            .connectingTo(options)
            .using(vertx)
            .build();
    return new Database(vertx, pool, options, poolSize, meters);
  }

  /**
   * Runs one statement in a transaction of its own. A statement that loses to a deadlock or a
   * serialization failure was rolled back whole, so it is sent again (see {@link #transaction}).
   */
  @Override
  public RowSet<Row> query(String sql, @Nullable Object... args) {
    return retrying(
        () -> {
          long start = System.nanoTime();
          inFlight.incrementAndGet();
          try {
            return await(pool.preparedQuery(sql).execute(tuple(args)));
          } finally {
            inFlight.decrementAndGet();
            queries.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          }
        });
  }

  /**
   * Runs {@code work} in one transaction on one connection: committed when it returns, rolled back
   * when it throws.
   *
   * <p>Writers take row locks in one order (see the package documentation), so they wait for each
   * other rather than deadlock; a deadlock or serialization failure that can still happen (the
   * media sweep, an external writer, a lock order not yet followed) rolls the transaction back and
   * {@code work} runs again, on a fresh transaction, up to {@value #ATTEMPTS} times with a short
   * random pause. So {@code work} may run more than once: what it does outside the database must be
   * safe to repeat (content-addressed blob writes, cache keys collected in a {@code Touched} and
   * forgotten after the last attempt). When every attempt lost, the caller is answered 503 and
   * nothing was written.
   */
  public <T> T transaction(Function<Sql, T> work) {
    return retrying(() -> attempt(work));
  }

  // BEGIN is sent without waiting for its answer: the connection pipelines it with the
  // transaction's first statement, so opening a transaction costs no round trip of its own. Its
  // answer is awaited after that statement's, and before COMMIT or ROLLBACK when there was none.
  private <T> T attempt(Function<Sql, T> work) {
    SqlConnection connection = await(pool.getConnection());
    transactionsOpen.incrementAndGet();
    try {
      Future<RowSet<Row>> begun = connection.query("BEGIN").execute();
      AtomicBoolean begunAwaited = new AtomicBoolean();
      Runnable awaitBegun =
          () -> {
            if (begunAwaited.compareAndSet(false, true)) {
              await(begun);
            }
          };
      // A statement that failed aborted the transaction: it is rolled back, never committed, even
      // when the work caught the failure (COMMIT would answer ROLLBACK without an error).
      AtomicBoolean failed = new AtomicBoolean();
      Sql sql =
          (statement, args) -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            try {
              Future<RowSet<Row>> answer = connection.preparedQuery(statement).execute(tuple(args));
              awaitBegun.run();
              return await(answer);
            } catch (RuntimeException e) {
              failed.set(true);
              throw e;
            } finally {
              inFlight.decrementAndGet();
              queries.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
          };
      T result;
      try {
        result = work.apply(sql);
        awaitBegun.run();
        if (failed.get()) {
          throw new IllegalStateException("a statement of the transaction failed; rolled back");
        }
      } catch (RuntimeException | Error e) {
        try {
          await(connection.query("ROLLBACK").execute());
        } catch (RuntimeException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
      await(connection.query("COMMIT").execute());
      return result;
    } finally {
      transactionsOpen.decrementAndGet();
      connection.close();
    }
  }

  /**
   * Runs {@code work} in one transaction on one connection, for work that answers nothing:
   * committed when it returns, rolled back when it throws.
   */
  public void inTransaction(java.util.function.Consumer<Sql> work) {
    transaction(
        tx -> {
          work.accept(tx);
          return Boolean.TRUE;
        });
  }

  /**
   * Opens a connection of its own, outside the pool, that hears the notifications of the channels
   * it listens to ({@code notices}, on a client thread that must not block) and runs statements one
   * at a time; {@code closed} runs once if the connection drops or is closed.
   */
  public Session session(BiConsumer<String, String> notices, Runnable closed) {
    PgConnection connection = await(PgConnection.connect(vertx, new PgConnectOptions(options)));
    AtomicBoolean ended = new AtomicBoolean();
    connection.notificationHandler(n -> notices.accept(n.getChannel(), n.getPayload()));
    connection.closeHandler(
        v -> {
          if (ended.compareAndSet(false, true)) {
            closed.run();
          }
        });
    return new Session(connection);
  }

  /**
   * A connection outside the pool: its statements wait at most the timeout given, so that a
   * connection that stopped answering is found out. Closing it runs its {@code closed} callback.
   */
  public static final class Session implements AutoCloseable {
    private final PgConnection connection;

    private Session(PgConnection connection) {
      this.connection = connection;
    }

    /**
     * Runs one statement, waiting at most {@code timeout}.
     *
     * @throws IllegalStateException when no answer came in time
     */
    public RowSet<Row> query(Duration timeout, String sql, @Nullable Object... args) {
      try {
        return connection
            .preparedQuery(sql)
            .execute(tuple(args))
            .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("no answer from the database in " + timeout, e);
      }
    }

    @Override
    public void close() {
      try {
        connection.close().await(5, TimeUnit.SECONDS);
      } catch (TimeoutException | RuntimeException e) {
        LOG.debug("closing a dedicated connection", e);
      }
    }
  }

  /** Whether the database answers a trivial statement within the timeout. */
  public boolean ping(long timeoutMillis) {
    try {
      pool.query("SELECT 1").execute().await(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      pool.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("database client did not close in 10 s", e);
    }
  }

  private static Tuple tuple(@Nullable Object[] args) {
    return args.length == 0 ? Tuple.tuple() : Tuple.wrap(Arrays.asList(args));
  }

  /**
   * Runs {@code once} until it does not fail with a deadlock, a serialization failure or a {@link
   * StaleRead}, pausing a random time below a bound that doubles with each attempt; answers 503
   * when every attempt lost.
   */
  private <T> T retrying(Supplier<T> once) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once.get();
      } catch (PgException | StaleRead e) {
        if (e instanceof PgException pg && !RETRYABLE.contains(pg.getSqlState())) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          exhausted.increment();
          LOG.warn("giving up after {} attempts lost to concurrent writes", ATTEMPTS, e);
          throw new ApiException.Unavailable(
              "The write kept conflicting with concurrent writes of the same objects and was not"
                  + " made; send it again.");
        }
        retries.increment();
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(1, BACKOFF_MILLIS << attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await();
    } catch (PgException e) {
      if ("23505".equals(e.getSqlState())) {
        throw new UniqueViolation(e.getConstraint() == null ? "" : e.getConstraint(), e);
      }
      throw e;
    }
  }
}
