package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.TestServer;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ServerCpuApiTest {

  @Test
  void aRunningServerTellsTheCpuSecondsItHasUsedAndTheyOnlyGrow() {
    List<LoadGenerator.Target> server =
        List.of(new LoadGenerator.Target("127.0.0.1", TestServer.shared().port()));
    OptionalDouble before = ServerCpu.seconds(server);
    long sum = 0;
    for (long i = 0; i < 50_000_000L; i++) {
      sum += i ^ (sum >>> 3);
    }
    OptionalDouble after = ServerCpu.seconds(server);

    assertThat(sum).isNotZero();
    assertThat(before).isPresent();
    assertThat(before.getAsDouble()).isPositive();
    assertThat(after.getAsDouble()).isGreaterThan(before.getAsDouble());
    assertThat(ServerCpu.cores(before, after, 1.0)).isPositive();
  }

  @Test
  void aServerThatIsNotThereGivesNoReading() {
    OptionalDouble reading = ServerCpu.seconds(List.of(new LoadGenerator.Target("127.0.0.1", 1)));

    assertThat(reading).isEmpty();
    assertThat(ServerCpu.cores(reading, OptionalDouble.of(5), 1.0)).isNaN();
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

    assertThat(ServerCpu.value(exposition, ServerCpu.METRIC)).hasValue(6.091E10);
    assertThat(ServerCpu.value("process_cpu_usage 0.5\n", ServerCpu.METRIC)).isEmpty();
  }
}
