package dev.corkboard.follow;

/**
 * v5's {@code UserFollowingFeedType}: which followed accounts a list of follows keeps. There are no
 * creator accounts here, so the creator-only kinds keep nobody; the ranked kinds keep the order of
 * the others (newest follow first).
 */
enum FollowingFilter {
  ALL,
  RANKED,
  CREATOR_ONLY,
  RANKED_CREATOR_ONLY;

  /** Whether an ordinary account (every account here) is kept. */
  boolean keepsAccounts() {
    return this == ALL || this == RANKED;
  }
}
