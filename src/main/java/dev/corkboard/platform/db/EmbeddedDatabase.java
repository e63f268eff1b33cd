package dev.corkboard.platform.db;

import dev.corkboard.platform.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that the process starts in its data directory and stops on shutdown. The data
 * directory survives restarts; commits are durable ({@code fsync} and {@code synchronous_commit}
 * on). A server left running by a process that died is stopped before the new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on a free loopback port with its cluster in {@code directory} and the page
   * cache {@code sharedBuffers} gives (see {@link #sharedBuffers}).
   */
  public static EmbeddedDatabase start(Path directory, Optional<String> sharedBuffers) {
    try {
      Files.createDirectories(directory);
      stopOrphan(directory);
      Path log = directory.resolveSibling(directory.getFileName() + ".log");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "100")
              .setServerConfig("shared_buffers", sharedBuffers(sharedBuffers))
              .setServerConfig("effective_cache_size", totalMemoryMb() / 2 + "MB")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + directory, e);
    }
  }

  /**
   * PostgreSQL's own page cache: the configured size ({@link ServerConfig#sharedBuffers}, a
   * PostgreSQL size such as {@code 512MB}) or an eighth of the machine's memory, at least 128 MB
   * and at most 2 GB. The stock 128 MB makes every read of a larger data set a system call into the
   * OS cache.
   */
  static String sharedBuffers(Optional<String> configured) {
    String size = configured.map(String::strip).orElse("");
    if (!size.isEmpty()) {
      if (!size.matches("[0-9]+\\s*(kB|MB|GB|TB)?")) {
        throw new IllegalArgumentException(
            ServerConfig.SHARED_BUFFERS
                + " must be a size such as 512MB or 2GB, not '"
                + size
                + "'");
      }
      return size;
    }
    return Math.clamp(totalMemoryMb() / 8, 128, 2048) + "MB";
  }

  private static long totalMemoryMb() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean memory) {
      return memory.getTotalMemorySize() / (1024 * 1024);
    }
    return 1024;
  }

  /** How to connect to it. */
  public ConnectionSettings settings() {
    return new ConnectionSettings("127.0.0.1", postgres.getPort(), "postgres", "postgres", "");
  }

  /** Stops PostgreSQL after a fast shutdown (open sessions end, every commit stays). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A postmaster whose owner died keeps running and holds the cluster; stop it so this process can
   * start its own. A postmaster that died too leaves its {@code postmaster.pid} behind, and while
   * that file names a live process (the dead postmaster's zombie until it is reaped, or a new
   * process that reuses the pid) PostgreSQL takes it for a running postmaster and refuses to start:
   * a file naming a process that is no PostgreSQL is removed. Callers hold the data directory's
   * lock, so no live Corkboard owns the cluster.
   */
  private static void stopOrphan(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.getFirst().trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return; // PostgreSQL replaces a file whose process is gone
    }
    if (!process.get().info().command().orElse("").contains("postgres")) {
      LOG.warn(
          "removing the postmaster.pid of a PostgreSQL that died (pid {} is no PostgreSQL)", pid);
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn("stopping PostgreSQL (pid {}) left running by a previous process", pid);
    fastShutdown(process.get());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (process.get().isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
      }
    }
    if (process.get().isAlive()) {
      throw new IOException(
          "PostgreSQL (pid " + pid + ") left running on " + directory + " did not stop");
    }
  }

  /**
   * Asks a postmaster for PostgreSQL's fast shutdown (SIGINT): sessions still connected to it are
   * ended rather than waited for, as the smart shutdown of SIGTERM would. Where no {@code kill}
   * command runs, SIGTERM it is.
   */
  private static void fastShutdown(ProcessHandle postmaster) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor() == 0) {
        return;
      }
    } catch (IOException e) {
      LOG.debug("no kill command: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    postmaster.destroy();
  }
}
