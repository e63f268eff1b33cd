package dev.corkboard.support;

import dev.corkboard.bench.NodeProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code corkboard serve} as a separate process of the test's own JDK and class path, on a data
 * directory with its embedded PostgreSQL, so that a test can crash it with SIGKILL and start it
 * again. Its output goes to files in the data directory's {@code test-logs}.
 */
public final class ServerProcess implements AutoCloseable {

  /** JVM options that start a server fast, for tests. */
  public static final List<String> TEST_JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final AtomicInteger STARTS = new AtomicInteger();

  private final NodeProcess process;
  private final Path dataDir;

  private ServerProcess(NodeProcess process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
  }

  /**
   * Starts the server on a free port of 127.0.0.1 with the data directory and the further {@code
   * serve} options, and waits until it says it listens; the image fetcher may reach 127.0.0.1,
   * where tests serve images.
   */
  public static ServerProcess start(Path dataDir, List<String> options) {
    int start = STARTS.incrementAndGet();
    Path logs = dataDir.resolve("test-logs");
    List<String> serve = new ArrayList<>(List.of("--fetch-allow", "127.0.0.1/32"));
    serve.addAll(options);
    NodeProcess process =
        NodeProcess.start(
            new NodeProcess.Launch(
                dataDir,
                0,
                TEST_JVM_OPTIONS,
                serve,
                Map.of("CORKBOARD_DB_SHARED_BUFFERS", "128MB"),
                logs.resolve("serve-" + start + ".out"),
                logs.resolve("serve-" + start + ".log")));
    return new ServerProcess(process, dataDir);
  }

  /** Where the server answers, for example {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return process.baseUrl();
  }

  /** The server process's id. */
  public long pid() {
    return process.pid();
  }

  /** The embedded PostgreSQL of the data directory, while one is registered there. */
  public Optional<Postmaster> postmaster() {
    return Postmaster.of(dataDir.resolve("postgres"));
  }

  /** The last lines the server logged, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /**
   * SIGKILL to the server alone, as a crash of the JVM: its PostgreSQL keeps running, orphaned,
   * until the next start on the data directory stops it.
   */
  public void kill() {
    process.kill();
  }

  /**
   * SIGKILL to the server, and right after it to its PostgreSQL and every process PostgreSQL
   * started, as a crash of the whole machine's processes would; PostgreSQL recovers from its
   * write-ahead log at the next start.
   */
  public void killWithDatabase() {
    Optional<Postmaster> postmaster = postmaster();
    process.handle().destroyForcibly();
    postmaster.ifPresent(Postmaster::killWithChildren);
    process.kill();
  }

  /** SIGSTOP: the server hangs with its connections open; waits until it is stopped. */
  public void freeze() {
    process.freeze();
  }

  /** SIGCONT: a frozen server carries on; waits until it runs. */
  public void thaw() {
    process.thaw();
  }

  /** SIGTERM, the clean shutdown: requests in flight finish, then PostgreSQL stops. */
  public int stop() {
    return process.stop();
  }

  /** Whether the server process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills whatever is left: the server and its PostgreSQL. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.kill();
    }
    postmaster().filter(Postmaster::isAlive).ifPresent(Postmaster::killWithChildren);
  }
}
