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
}
