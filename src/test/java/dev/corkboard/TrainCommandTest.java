package dev.corkboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The training session the launcher records the class cache from runs against a real server. */
class TrainCommandTest {

  @Test
  void trainingRunsAShortSessionAgainstAScratchServerAndSucceeds() {
    int code = new CommandLine(new Main()).execute("train");

    assertThat(code).isZero();
  }
}
