package dev.corkboard.board;

import java.util.EnumSet;
import java.util.Set;

/** The {@code privacy} filter of v5 boards/list. */
public enum BoardPrivacyFilter {
  ALL,
  PUBLIC,
  PROTECTED,
  SECRET,
  PUBLIC_AND_SECRET;

  /** The privacies a board may have to pass the filter. */
  public Set<BoardPrivacy> privacies() {
    return switch (this) {
      case ALL -> EnumSet.allOf(BoardPrivacy.class);
      case PUBLIC -> EnumSet.of(BoardPrivacy.PUBLIC);
      case PROTECTED -> EnumSet.of(BoardPrivacy.PROTECTED);
      case SECRET -> EnumSet.of(BoardPrivacy.SECRET);
      case PUBLIC_AND_SECRET -> EnumSet.of(BoardPrivacy.PUBLIC, BoardPrivacy.SECRET);
    };
  }
}
