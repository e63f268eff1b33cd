package dev.corkboard.support;

/** Pauses of fixtures that poll for what the server does in the background. */
public final class Waits {

  private Waits() {}

  /** Sleeps, turning an interrupt into a failure of the test that waits. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asks {@code read} every 100 ms until {@code done} holds for its answer, for at most {@code
   * seconds}, and answers that answer; the last answer when the time ran out, for the test's
   * assertion to show.
   */
  public static <T> T until(
      int seconds, java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < end) {
      sleep(100);
      value = read.get();
    }
    return value;
  }
}
