package dev.corkboard.pin;

/** Which of an account's pins a list shows by where they come from. */
public enum SavesFilter {
  /** Every pin. */
  ALL,
  /** Only saves of other pins (v5 {@code pin_filter=exclude_native}). */
  SAVES_ONLY,
  /** Only pins the account created (v5 {@code pin_filter=exclude_repins}). */
  NATIVE_ONLY
}
