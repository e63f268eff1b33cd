package dev.corkboard.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives HTTP load over a fixed number of keep-alive connections, each served by a virtual thread
 * and spread round-robin over the servers (connection {@code c} goes to server {@code c mod n}).
 *
 * <p>Open loop ({@link #openLoop}): request {@code i} is due at {@code start + i / rate} whatever
 * happened to earlier requests, and its latency is measured from that due time, not from when a
 * connection got round to sending it. A stall therefore shows up in the latency of every request
 * that should have been sent during it (no coordinated omission), as in wrk2. Closed loop ({@link
 * #closedLoop}) sends as fast as the connections allow, to find the capacity.
 */
final class LoadGenerator {

  /** Latencies are recorded in microseconds, up to a minute, to three significant digits. */
  private static final long MAX_MICROS = 60_000_000L;

  /** Makes the bytes of the next request. */
  @FunctionalInterface
  interface RequestSource {
    byte[] next(SplittableRandom random);
  }

  /**
   * What a run measured.
   *
   * @param sent requests sent
   * @param errors requests answered with 4xx or 5xx, or failed on the connection
   * @param ioErrors requests that failed on the connection
   * @param missed requests that were due but never sent before the run's hard deadline
   * @param seconds from the start to the last answer (or the end of the schedule, if later)
   * @param latencyMicros latency of every answered request in microseconds
   * @param statuses how many answers each status had (index = status code)
   */
  record Outcome(
      long sent,
      long errors,
      long ioErrors,
      long missed,
      double seconds,
      Histogram latencyMicros,
      long[] statuses) {

    double throughput() {
      return (sent - ioErrors) / seconds;
    }
  }

  /** Where a connection sends its requests. */
  record Target(String host, int port) {}

  private final List<Target> targets;

  LoadGenerator(List<Target> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no server to send load to");
    }
    this.targets = List.copyOf(targets);
  }

  /** Sends at {@code rate} requests per second for {@code duration}, open loop. */
  Outcome openLoop(RequestSource source, int connections, double rate, Duration duration) {
    return run(source, connections, rate, duration);
  }

  /** Sends back to back on every connection for {@code duration}. */
  Outcome closedLoop(RequestSource source, int connections, Duration duration) {
    return run(source, connections, 0, duration);
  }

  private Outcome run(RequestSource source, int connections, double rate, Duration duration) {
    long start = System.nanoTime() + 20_000_000L;
    long end = start + duration.toNanos();
    // Requests still due after this are missed, so that an overloaded server cannot stretch a run.
    long hardEnd = end + Math.max(2_000_000_000L, duration.toNanos() / 4);
    AtomicLong counter = new AtomicLong();
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Worker worker =
          new Worker(
              targets.get(c % targets.size()),
              source,
              new SplittableRandom(c * 7919L + System.nanoTime()));
      workers.add(worker);
      threads.add(
          Thread.ofVirtual()
              .name("load-" + c)
              .start(() -> worker.loop(counter, start, end, hardEnd, rate)));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    Histogram all = new Histogram(MAX_MICROS, 3);
    long sent = 0;
    long errors = 0;
    long ioErrors = 0;
    long lastDone = end;
    long[] statuses = new long[600];
    for (Worker w : workers) {
      all.add(w.histogram);
      sent += w.sent;
      errors += w.errors;
      ioErrors += w.ioErrors;
      lastDone = Math.max(lastDone, w.lastDone);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] += w.statuses[i];
      }
    }
    long due = rate > 0 ? (long) Math.ceil(duration.toNanos() / 1e9 * rate) : sent;
    return new Outcome(
        sent, errors, ioErrors, Math.max(0, due - sent), (lastDone - start) / 1e9, all, statuses);
  }

  private static final class Worker {
    final Target target;
    final RequestSource source;
    final SplittableRandom random;
    final Histogram histogram = new Histogram(MAX_MICROS, 3);
    final long[] statuses = new long[600];
    long sent;
    long errors;
    long ioErrors;
    long lastDone;

    Worker(Target target, RequestSource source, SplittableRandom random) {
      this.target = target;
      this.source = source;
      this.random = random;
    }

    void loop(AtomicLong counter, long start, long end, long hardEnd, double rate) {
      try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
        while (true) {
          long due;
          long now = System.nanoTime();
          if (rate > 0) {
            long index = counter.getAndIncrement();
            due = start + (long) (index * 1e9 / rate);
            if (due >= end) {
              return;
            }
            while ((now = System.nanoTime()) < due) {
              LockSupport.parkNanos(due - now);
            }
            if (now >= hardEnd) {
              return;
            }
          } else {
            while ((now = System.nanoTime()) < start) {
              LockSupport.parkNanos(start - now);
            }
            if (now >= end) {
              return;
            }
            due = now;
          }
          byte[] request = source.next(random);
          int status;
          try {
            status = connection.exchange(request);
          } catch (IOException e) {
            status = -1;
          }
          long done = System.nanoTime();
          lastDone = done;
          sent++;
          if (status < 0) {
            ioErrors++;
            errors++;
            continue;
          }
          statuses[Math.min(status, statuses.length - 1)]++;
          if (status >= 400) {
            errors++;
          }
          histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, (done - due) / 1_000)));
        }
      }
    }
  }
}
