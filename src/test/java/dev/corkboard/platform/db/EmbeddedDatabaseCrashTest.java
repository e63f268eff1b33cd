package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Postmaster;
import dev.corkboard.support.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL starts again on its cluster after a crash that killed it, with every
 * committed row, also when the leftover {@code postmaster.pid} names a process that is no
 * PostgreSQL.
 */
class EmbeddedDatabaseCrashTest {

  private static final Optional<String> SMALL_CACHE = Optional.of("128MB");

  @Test
  void startsAgainWhenTheDeadPostmastersPidNowNamesAnotherProcess() throws Exception {
    Path cluster = TestServer.newDataDir().resolve("postgres");
    EmbeddedDatabase crashed = EmbeddedDatabase.start(cluster, SMALL_CACHE);
    try (Database db = Database.connect(crashed.settings(), 1, new SimpleMeterRegistry())) {
      db.update("CREATE TABLE kept (v integer)");
      db.update("INSERT INTO kept VALUES (42)");
    }
    Postmaster postmaster = Postmaster.of(cluster).orElseThrow();
    postmaster.killWithChildren();
    postmaster.awaitReaped();
    crashed.close(); // finds no server to stop; gives up the cluster's lock in this process
    // The dead postmaster's pid is still taken, by its zombie until that is reaped or by a new
    // process: PostgreSQL takes any live pid in the file for a running postmaster.
    Process other = new ProcessBuilder("sleep", "120").start();
    try {
      replacePid(cluster, other.pid());

      try (EmbeddedDatabase restarted = EmbeddedDatabase.start(cluster, SMALL_CACHE);
          Database db = Database.connect(restarted.settings(), 1, new SimpleMeterRegistry())) {
        assertThat(db.one("SELECT v FROM kept", row -> row.getInteger("v"))).contains(42);
      }
      assertThat(other.isAlive()).as("the process the file names is left alone").isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  private static void replacePid(Path cluster, long pid) throws Exception {
    Path file = cluster.resolve("postmaster.pid");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
    lines.set(0, Long.toString(pid));
    Files.write(file, lines, StandardCharsets.US_ASCII);
  }
}
