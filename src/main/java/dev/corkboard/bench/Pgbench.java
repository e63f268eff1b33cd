package dev.corkboard.bench;

import dev.corkboard.platform.db.ConnectionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database ceilings: PostgreSQL's own pgbench against the same server, in a database of its own
 * ({@code pgbench}) so its tables never mix with ours. {@code -S} (one primary-key select per
 * transaction) bounds reads, {@code -N} (three updates and an insert, committed) bounds writes.
 */
final class Pgbench {

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
  private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
  static final String DATABASE = "pgbench";

  /**
   * One pgbench measurement.
   *
   * @param mode the pgbench flags that select the workload
   * @param tps transactions per second
   * @param latencyMs average latency
   */
  record Measurement(String mode, double tps, double latencyMs) {}

  private final Path executable;
  private final ConnectionSettings server;
  private final PrintStream out;

  private Pgbench(Path executable, ConnectionSettings server, PrintStream out) {
    this.executable = executable;
    this.server = server;
    this.out = out;
  }

  /** pgbench from {@code PATH} or the usual places, if installed. */
  static Optional<Path> find(Optional<Path> given) {
    if (given.isPresent()) {
      return given.filter(Files::isExecutable);
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(dir, "pgbench"));
      }
    }
    candidates.add(Path.of("/usr/bin/pgbench"));
    candidates.add(Path.of("/usr/local/bin/pgbench"));
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(v -> candidates.add(v.resolve("bin/pgbench")));
    } catch (IOException e) {
      // not a Debian layout
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  static Pgbench on(Path executable, ConnectionSettings server, PrintStream out) {
    return new Pgbench(executable, server, out);
  }

  /** Creates the pgbench database if needed and fills it at {@code scale} unless it already is. */
  void prepare(int scale) throws SQLException, IOException, InterruptedException {
    try (Connection c = Seeder.connect(server);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (!rs.next()) {
          s.execute("CREATE DATABASE " + DATABASE);
        }
      }
    }
    ConnectionSettings db =
        new ConnectionSettings(
            server.host(), server.port(), DATABASE, server.user(), server.password());
    try (Connection c = Seeder.connect(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'pgbench_branches'")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        try (ResultSet branches = s.executeQuery("SELECT count(*) FROM pgbench_branches")) {
          branches.next();
          if (branches.getLong(1) == scale) {
            return;
          }
        }
      }
    }
    out.printf("pgbench: initialising scale %d in database %s%n", scale, DATABASE);
    run(List.of("-i", "-q", "-s", Integer.toString(scale)), 600);
  }

  /** Runs pgbench with the given workload flags for {@code seconds} on 2 clients. */
  Measurement measure(String mode, int seconds) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(mode.split(" ")));
    args.addAll(List.of("-M", "prepared", "-c", "2", "-j", "2", "-T", Integer.toString(seconds)));
    String output = run(args, seconds + 120);
    Matcher tps = TPS.matcher(output);
    Matcher latency = LATENCY.matcher(output);
    if (!tps.find()) {
      throw new IOException("pgbench printed no tps:\n" + output);
    }
    Measurement m =
        new Measurement(
            mode + " -M prepared -c 2",
            Double.parseDouble(tps.group(1)),
            latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
    out.printf("pgbench %s: %,.0f tps, %.3f ms average%n", m.mode(), m.tps(), m.latencyMs());
    return m;
  }

  private String run(List<String> args, int timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(
        List.of("-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.user()));
    command.addAll(args);
    command.add(DATABASE);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (!server.password().isEmpty()) {
      builder.environment().put("PGPASSWORD", server.password());
    }
    Process process = builder.start();
    byte[] output;
    try (var in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("pgbench did not finish in " + timeoutSeconds + " s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException("pgbench failed (exit " + process.exitValue() + "):\n" + text);
    }
    return text;
  }
}
