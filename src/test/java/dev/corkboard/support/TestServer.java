package dev.corkboard.support;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real application on a random port, with its own embedded PostgreSQL in a temporary data
 * directory. One shared instance serves every API test of a test JVM; tests isolate themselves by
 * signing up their own accounts.
 */
public final class TestServer {

  private static Application shared;

  private TestServer() {}

  /** The shared server, started on first use and stopped when the test JVM exits. */
  public static synchronized Application shared() {
    if (shared == null) {
      shared = start(newDataDir(), true);
      Application app = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "test-server-stop"));
    }
    return shared;
  }

  /** A new server on the data directory; the caller closes it. */
  public static Application start(Path dataDir, boolean registrationOpen) {
    // The image fetcher may reach 127.0.0.1 only, where tests serve images; every other loopback
    // and private address stays refused.
    return Application.start(
        new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), registrationOpen, 4)
            .withFetchAllow(java.util.List.of("127.0.0.1/32")));
  }

  /** A fresh temporary data directory. */
  public static Path newDataDir() {
    try {
      return Files.createTempDirectory("corkboard-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
