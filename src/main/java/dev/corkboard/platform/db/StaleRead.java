package dev.corkboard.platform.db;

/**
 * A transaction found, under its locks, that what it read before taking them has changed (a board's
 * owner, whose account row it locked first, is another account now): thrown inside {@link
 * Database#transaction}, it rolls the transaction back and runs it again, as a serialization
 * failure does, so that the next attempt locks what is there now.
 */
public final class StaleRead extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code what} says what changed, for the log of an attempt that gave up. */
  public StaleRead(String what) {
    super(what, null, false, false);
  }
}
