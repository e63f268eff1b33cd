package dev.corkboard.platform.api;

/** Refuses a caller that has used up its allowance of some kind of request. */
public interface Throttle {

  /** A throttle that never refuses. */
  Throttle NONE = (category, caller) -> {};

  /** Takes one request of the caller's allowance in the category; 429, code 8, if none is left. */
  void require(String category, String caller);
}
