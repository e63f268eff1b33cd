package dev.corkboard.bench;

import java.util.Random;

/**
 * How many pins each seeded board holds: a power law (Zipf with exponent {@code s}), so a few
 * boards hold tens of thousands of pins and most hold a handful, shuffled over the boards.
 */
final class BoardSizes {

  /** Gives a million pins on 100,000 boards a largest board of about 22,000 pins. */
  static final double DEFAULT_EXPONENT = 0.8;

  private BoardSizes() {}

  /**
   * Sizes of {@code boards} boards that sum to exactly {@code pins}: rank {@code r} gets a share
   * proportional to {@code 1 / (r + 1)^exponent}, rounded by largest remainder, then the sizes are
   * shuffled so that the big boards belong to random owners.
   */
  static int[] powerLaw(int boards, long pins, double exponent, Random random) {
    if (boards <= 0) {
      throw new IllegalArgumentException("boards must be positive");
    }
    if (pins < 0 || pins > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("pins must be 0 to " + Integer.MAX_VALUE);
    }
    double[] weights = new double[boards];
    double total = 0;
    for (int r = 0; r < boards; r++) {
      weights[r] = Math.pow(r + 1, -exponent);
      total += weights[r];
    }
    int[] sizes = new int[boards];
    double[] remainders = new double[boards];
    long assigned = 0;
    for (int r = 0; r < boards; r++) {
      double exact = pins * weights[r] / total;
      sizes[r] = (int) Math.floor(exact);
      remainders[r] = exact - sizes[r];
      assigned += sizes[r];
    }
    // Largest remainder: the ranks that lost most to rounding get one more pin each.
    long missing = pins - assigned;
    Integer[] order = new Integer[boards];
    for (int i = 0; i < boards; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
    for (int i = 0; i < missing; i++) {
      sizes[order[i % boards]]++;
    }
    for (int i = boards - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = sizes[i];
      sizes[i] = sizes[j];
      sizes[j] = swap;
    }
    return sizes;
  }
}
