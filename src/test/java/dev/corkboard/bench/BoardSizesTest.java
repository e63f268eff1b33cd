package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoardSizesTest {

  @Test
  void sizesSumToThePinCountExactly() {
    int[] sizes = BoardSizes.powerLaw(10_000, 123_457, BoardSizes.DEFAULT_EXPONENT, new Random(1));

    assertThat(sizes).hasSize(10_000);
    assertThat(Arrays.stream(sizes).asLongStream().sum()).isEqualTo(123_457);
    assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aMillionPinsOnAHundredThousandBoardsGiveAFewBoardsWithTensOfThousands() {
    int[] sizes =
        BoardSizes.powerLaw(100_000, 1_000_000, BoardSizes.DEFAULT_EXPONENT, new Random(7));
    int[] sorted = sizes.clone();
    Arrays.sort(sorted);

    assertThat(Arrays.stream(sizes).asLongStream().sum()).isEqualTo(1_000_000);
    assertThat(sorted[sorted.length - 1]).isGreaterThan(10_000);
    assertThat(sorted[sorted.length - 2]).isGreaterThan(10_000);
    // The median board is small.
    assertThat(sorted[sorted.length / 2]).isLessThan(10);
  }

  @Test
  void fewerPinsThanBoardsLeavesMostBoardsEmpty() {
    int[] sizes = BoardSizes.powerLaw(100, 10, BoardSizes.DEFAULT_EXPONENT, new Random(3));

    assertThat(Arrays.stream(sizes).sum()).isEqualTo(10);
  }
}
