package dev.corkboard.support;

import dev.corkboard.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code corkboard serve} as a separate process of the test's own JDK and class path, on a data
 * directory with its embedded PostgreSQL, so that a test can crash it with SIGKILL and start it
 * again. Its output goes to files in the data directory's {@code test-logs}.
 */
public final class ServerProcess implements AutoCloseable {

  private static final String LISTENING = "listening on ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final AtomicInteger STARTS = new AtomicInteger();

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final String baseUrl;

  private ServerProcess(Process process, Path dataDir, Path log, String baseUrl) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts the server on a free port of 127.0.0.1 with the data directory and the further {@code
   * serve} options, and waits until it says it listens; the image fetcher may reach 127.0.0.1,
   * where tests serve images.
   */
  public static ServerProcess start(Path dataDir, List<String> options) {
    int start = STARTS.incrementAndGet();
    try {
      Path logs = Files.createDirectories(dataDir.resolve("test-logs"));
      Path out = logs.resolve("serve-" + start + ".out");
      Path log = logs.resolve("serve-" + start + ".log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(
          List.of(
              "--sun-misc-unsafe-memory-access=allow",
              "--enable-native-access=ALL-UNNAMED",
              "-Xmx512m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName(),
              "serve",
              "--host",
              "127.0.0.1",
              "--port",
              "0",
              "--data-dir",
              dataDir.toString(),
              "--fetch-allow",
              "127.0.0.1/32"));
      command.addAll(options);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("CORKBOARD_DB_SHARED_BUFFERS", "128MB");
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
      builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process process = builder.start();
      return new ServerProcess(process, dataDir, log, awaitListening(process, out, log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String awaitListening(Process process, Path out, Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.startsWith(LISTENING)) {
          return line.substring(LISTENING.length()).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "corkboard serve exited with "
                + process.exitValue()
                + " before listening:\n"
                + tail(log));
      }
      Waits.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "corkboard serve did not listen within " + START_TIMEOUT + ":\n" + tail(log));
  }

  /** Where the server answers, for example {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return baseUrl;
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
    return tail(log);
  }

  /**
   * SIGKILL to the server alone, as a crash of the JVM: its PostgreSQL keeps running, orphaned,
   * until the next start on the data directory stops it.
   */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /**
   * SIGKILL to the server, and right after it to its PostgreSQL and every process PostgreSQL
   * started, as a crash of the whole machine's processes would; PostgreSQL recovers from its
   * write-ahead log at the next start.
   */
  public void killWithDatabase() {
    Optional<Postmaster> postmaster = postmaster();
    process.destroyForcibly();
    postmaster.ifPresent(Postmaster::killWithChildren);
    awaitExit();
  }

  /** SIGTERM, the clean shutdown: requests in flight finish, then PostgreSQL stops. */
  public int stop() {
    process.destroy();
    return awaitExit();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("corkboard serve did not exit within 60 s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the server process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills whatever is left: the server and its PostgreSQL. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
    postmaster().filter(Postmaster::isAlive).ifPresent(Postmaster::killWithChildren);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
