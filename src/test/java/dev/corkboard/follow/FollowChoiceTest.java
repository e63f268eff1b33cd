package dev.corkboard.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.follow.FollowService.Change;
import dev.corkboard.follow.FollowService.Choice;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How following and unfollowing a board move a follower's choice and the board's counters: its
 * follower count (owner's followers + direct - unfollowers) changes by one exactly when the
 * follower starts or stops following it.
 */
class FollowChoiceTest {

  private static final Optional<Boolean> NONE = Optional.empty();
  private static final Optional<Boolean> FOLLOWS = Optional.of(true);
  private static final Optional<Boolean> UNFOLLOWED = Optional.of(false);

  @Test
  void followingABoardCountsTheFollowerOnceWhicheverWayItFollowedBefore() {
    assertThat(new Choice(NONE, false).follow()).contains(new Change(FOLLOWS, 1, 0));
    assertThat(new Choice(NONE, true).follow()).contains(new Change(FOLLOWS, 0, 0));
    assertThat(new Choice(UNFOLLOWED, true).follow()).contains(new Change(FOLLOWS, 0, -1));
    assertThat(new Choice(FOLLOWS, false).follow()).isEmpty();
    assertThat(new Choice(FOLLOWS, true).follow()).isEmpty();
  }

  @Test
  void unfollowingABoardRemembersItOnlyWhileTheOwnerIsFollowed() {
    assertThat(new Choice(FOLLOWS, false).unfollow()).contains(new Change(NONE, -1, 0));
    assertThat(new Choice(FOLLOWS, true).unfollow()).contains(new Change(UNFOLLOWED, 0, 1));
    assertThat(new Choice(NONE, true).unfollow()).contains(new Change(UNFOLLOWED, 0, 1));
    assertThat(new Choice(NONE, false).unfollow()).isEmpty();
    assertThat(new Choice(UNFOLLOWED, true).unfollow()).isEmpty();
  }
}
