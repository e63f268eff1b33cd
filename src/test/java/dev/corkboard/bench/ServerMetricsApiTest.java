package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.TestServer;
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
