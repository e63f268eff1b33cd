package dev.corkboard.board;

/** Who may see a board: everybody, or only its owner (PROTECTED and SECRET). */
public enum BoardPrivacy {
  PUBLIC,
  PROTECTED,
  SECRET;

  /** The values a PATCH may set, as v5's {@code BoardUpdatePrivacy} lists them. */
  static final BoardPrivacy[] UPDATABLE = {PUBLIC, SECRET};

  /** Whether only the board's owner may see a board of this privacy. */
  public boolean isSecret() {
    return this != PUBLIC;
  }
}
