package dev.corkboard.board;

import java.util.EnumSet;
import java.util.Set;

/** The {@code privacy} filter of v5 boards/list. */
public enum BoardPrivacyFilter {
  ALL(EnumSet.allOf(BoardPrivacy.class)),
  PUBLIC(EnumSet.of(BoardPrivacy.PUBLIC)),
  PROTECTED(EnumSet.of(BoardPrivacy.PROTECTED)),
  SECRET(EnumSet.of(BoardPrivacy.SECRET)),
  PUBLIC_AND_SECRET(EnumSet.of(BoardPrivacy.PUBLIC, BoardPrivacy.SECRET));

  private final Set<BoardPrivacy> privacies;

  BoardPrivacyFilter(Set<BoardPrivacy> privacies) {
    this.privacies = privacies;
  }

  /** The privacies a board may have to pass the filter. */
  public Set<BoardPrivacy> privacies() {
    return EnumSet.copyOf(privacies);
  }
}
