package dev.corkboard.support;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real application on a random port, with its own embedded PostgreSQL in a temporary data
 * directory. One shared instance serves every API test of a test JVM; tests isolate themselves by
 * signing up their own accounts. Data directories it hands out are removed when the test JVM exits.
 */
public final class TestServer {

  private static Application shared;

  /** The shared cluster's nodes, once started. */
  private static List<Application> cluster = List.of();

  /** Every data directory handed out, removed when the test JVM exits. */
  private static final List<Path> DATA_DIRS = new ArrayList<>();

  static {
    // One hook, so the shared server stops before the directories it uses are removed.
    Runtime.getRuntime().addShutdownHook(new Thread(TestServer::stopAndClean, "test-server-stop"));
  }

  private TestServer() {}

  /**
   * The home feed settings of test servers: an account of {@value #FEED_MERGE_ABOVE} followers or
   * more is merged into feeds at read time, so tests reach that path with a few accounts, and a
   * fan-out writes batches of two followers, so tests cross batches, and a first page is read again
   * after {@link #FEED_FIRST_PAGE_FOR}.
   */
  public static final int FEED_MERGE_ABOVE = 3;

  /** How long test servers answer a feed's first page from the pins they read for it. */
  public static final Duration FEED_FIRST_PAGE_FOR = Duration.ofSeconds(1);

  private static final ServerConfig.Feed FEED =
      new ServerConfig.Feed(FEED_MERGE_ABOVE, 1_000, 2, FEED_FIRST_PAGE_FOR);

  /** The shared server, started on first use and stopped when the test JVM exits. */
  public static synchronized Application shared() {
    if (shared == null) {
      shared = start(newDataDir(), true);
    }
    return shared;
  }

  /**
   * Three servers on one PostgreSQL, all with the read cache on: the first on its embedded one, the
   * others on it by URL, the production shape. They share one blob directory (the first's), as
   * nodes on a shared file system or S3 do. Started on first use, stopped when the test JVM exits.
   */
  public static synchronized List<Application> sharedCluster() {
    if (cluster.isEmpty()) {
      List<Application> nodes = new ArrayList<>();
      Path first = newDataDir();
      nodes.add(start(first, true));
      try {
        Path blobs = Files.createDirectories(first.resolve("blobs"));
        for (int i = 1; i < 3; i++) {
          nodes.add(
              Application.start(
                  new ServerConfig(
                          "127.0.0.1",
                          0,
                          newDataDir(),
                          Optional.of(nodes.getFirst().databaseSettings().toString()),
                          true,
                          4)
                      .withFetchAllow(List.of("127.0.0.1/32"))
                      .withBlobDir(blobs)
                      .withFeed(FEED)));
        }
      } catch (IOException e) {
        nodes.reversed().forEach(Application::close);
        throw new UncheckedIOException(e);
      }
      cluster = List.copyOf(nodes);
    }
    return cluster;
  }

  /** A new server on the data directory; the caller closes it. */
  public static Application start(Path dataDir, boolean registrationOpen) {
    // The image fetcher may reach 127.0.0.1 only, where tests serve images; every other loopback
    // and private address stays refused.
    return Application.start(
        new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), registrationOpen, 4)
            .withFetchAllow(List.of("127.0.0.1/32"))
            .withFeed(FEED));
  }

  /** A fresh temporary data directory, removed when the test JVM exits. */
  public static synchronized Path newDataDir() {
    try {
      Path dir = Files.createTempDirectory("corkboard-test-");
      DATA_DIRS.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized void stopAndClean() {
    cluster.reversed().forEach(Application::close);
    if (shared != null) {
      shared.close();
    }
    for (Path dir : DATA_DIRS) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // Left for the system's temporary-file cleaning: nothing depends on it any more.
      }
    }
  }
}
