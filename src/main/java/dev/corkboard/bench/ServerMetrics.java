package dev.corkboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Samples read from a running server's {@code /metrics}: whether its related-pins graph is built,
 * and the CPU time the servers under load have used ({@code process_cpu_time_ns_total}, the JVM's
 * own count), so a scenario's answers can be put per core the servers actually spent rather than
 * per core of a machine that also runs PostgreSQL and the load generator.
 */
final class ServerMetrics {

  static final String CPU = "process_cpu_time_ns_total";

  private ServerMetrics() {}

  /** The Prometheus text of the server at {@code host:port}. */
  static String scrape(String host, int port) throws IOException {
    try (HttpConnection connection = new HttpConnection(host, port)) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int status = connection.exchange(HttpConnection.get("/metrics", host + ":" + port), body);
      if (status != 200) {
        throw new IOException("GET /metrics answered " + status);
      }
      return body.toString(StandardCharsets.UTF_8);
    }
  }

  /** The seconds of CPU all {@code targets} have used so far; empty when one does not say. */
  static OptionalDouble cpuSeconds(List<LoadGenerator.Target> targets) {
    double total = 0;
    for (LoadGenerator.Target target : targets) {
      OptionalDouble nanos;
      try {
        nanos = value(scrape(target.host(), target.port()), CPU);
      } catch (IOException e) {
        return OptionalDouble.empty();
      }
      if (nanos.isEmpty()) {
        return OptionalDouble.empty();
      }
      total += nanos.getAsDouble() / 1e9;
    }
    return OptionalDouble.of(total);
  }

  /** The background jobs due on the servers' database, as {@code target} counts them. */
  static final String JOBS_DUE = "jobs_due";

  /**
   * Waits until no background job is due on the database of {@code target} (the writes of a
   * scenario leave jobs, a fan-out each, that would otherwise run during the next); answers the
   * seconds waited, or NaN when the server does not say.
   */
  static double awaitNoDueJobs(LoadGenerator.Target target)
      throws IOException, InterruptedException {
    return awaitNoDueJobs(target, 200);
  }

  /** As {@link #awaitNoDueJobs(LoadGenerator.Target)}, asking every {@code pollMillis}. */
  static double awaitNoDueJobs(LoadGenerator.Target target, long pollMillis)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    while (true) {
      OptionalDouble due = value(scrape(target.host(), target.port()), JOBS_DUE);
      if (due.isEmpty() || Double.isNaN(due.getAsDouble())) {
        return Double.NaN;
      }
      if (due.getAsDouble() == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() - start > 15L * 60 * 1_000_000_000L) {
        throw new IOException("background jobs were still due after 15 minutes");
      }
      Thread.sleep(pollMillis);
    }
  }

  /** The value of the unlabelled sample {@code name} in a Prometheus text exposition. */
  static OptionalDouble value(String exposition, String name) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + " ")) {
        try {
          return OptionalDouble.of(Double.parseDouble(line.substring(name.length() + 1).trim()));
        } catch (NumberFormatException e) {
          return OptionalDouble.empty();
        }
      }
    }
    return OptionalDouble.empty();
  }

  /** The cores busy over {@code seconds} of wall time, from two readings; NaN when unknown. */
  static double cores(OptionalDouble before, OptionalDouble after, double seconds) {
    return before.isPresent() && after.isPresent() && seconds > 0
        ? (after.getAsDouble() - before.getAsDouble()) / seconds
        : Double.NaN;
  }
}
