package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule that ends a scenario's warm-up. */
class LoadCommandTest {

  @Test
  void warmUpGoesOnAfterItsFirstRoundAndWhileServersStillGetMoreDonePerCore() {
    assertThat(LoadCommand.stillWarming(Double.NaN, 1_000, 1)).isTrue();
    assertThat(LoadCommand.stillWarming(1_000, 1_500, 2)).isTrue();
    assertThat(LoadCommand.stillWarming(1_500, 1_600, 3)).isFalse();
    assertThat(LoadCommand.stillWarming(1_500, 1_200, 3)).isFalse();
  }

  @Test
  void warmUpStopsAfterItsLastRoundOrWithoutAFigure() {
    assertThat(LoadCommand.stillWarming(1_000, 2_000, LoadCommand.MAX_WARMUP_ROUNDS)).isFalse();
    assertThat(LoadCommand.stillWarming(Double.NaN, Double.NaN, 1)).isFalse();
    assertThat(LoadCommand.stillWarming(Double.NaN, Double.POSITIVE_INFINITY, 1)).isFalse();
  }
}
