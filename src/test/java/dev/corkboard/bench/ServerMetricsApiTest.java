package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.feed.FeedFanOut;
import dev.corkboard.platform.db.Database;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ServerMetricsApiTest {

  @Test
  void aRunningServerTellsTheCpuSecondsItHasUsedAndTheyOnlyGrow() {
    List<LoadGenerator.Target> server =
        List.of(new LoadGenerator.Target("127.0.0.1", TestServer.shared().port()));
    OptionalDouble before = ServerMetrics.cpuSeconds(server);
    long sum = 0;
    for (long i = 0; i < 50_000_000L; i++) {
      sum += i ^ (sum >>> 3);
    }
    OptionalDouble after = ServerMetrics.cpuSeconds(server);

    assertThat(sum).isNotZero();
    assertThat(before).isPresent();
    assertThat(before.getAsDouble()).isPositive();
    assertThat(after.getAsDouble()).isGreaterThan(before.getAsDouble());
    assertThat(ServerMetrics.cores(before, after, 1.0)).isPositive();
  }

  @Test
  void theLoadWaitsUntilTheJobsAScenarioLeftAreDone() throws Exception {
    Users.User owner = Users.signUp();
    String pin =
        Pins.create(owner.client(), Pins.board(owner.client(), "Jobs"), Color.RED).text("id");
    Database db = TestDatabase.shared();
    db.update(
        "INSERT INTO jobs (kind, payload, run_at)"
            + " SELECT $1, '{\"pin_id\":' || $2 || '}', now() FROM generate_series(1, 300)",
        FeedFanOut.KIND,
        pin);

    double waited =
        ServerMetrics.awaitNoDueJobs(
            new LoadGenerator.Target("127.0.0.1", TestServer.shared().port()));

    assertThat(waited).isNotNaN().isNotNegative();
    assertThat(
            db.one(
                    "SELECT count(*) FROM jobs WHERE kind = $1 AND state = 'pending'",
                    row -> row.getLong(0),
                    FeedFanOut.KIND)
                .orElseThrow())
        .isZero();
  }

  @Test
  void aServerThatIsNotThereGivesNoReading() {
    OptionalDouble reading =
        ServerMetrics.cpuSeconds(List.of(new LoadGenerator.Target("127.0.0.1", 1)));

    assertThat(reading).isEmpty();
    assertThat(ServerMetrics.cores(reading, OptionalDouble.of(5), 1.0)).isNaN();
  }

  @Test
  void theCpuSampleIsReadFromPrometheusTextAndOthersAreNotMistakenForIt() {
    String exposition =
        """
        # HELP process_cpu_time_ns_total The "cpu time" used by the JVM
        # TYPE process_cpu_time_ns_total counter
        process_cpu_time_ns_total_extra 1.0
        process_cpu_time_ns_total 6.091E10
        """;

    assertThat(ServerMetrics.value(exposition, ServerMetrics.CPU)).hasValue(6.091E10);
    assertThat(ServerMetrics.value("process_cpu_usage 0.5\n", ServerMetrics.CPU)).isEmpty();
  }
}
