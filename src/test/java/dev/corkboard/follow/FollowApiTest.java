package dev.corkboard.follow;

import static dev.corkboard.follow.Follows.boardFollowers;
import static dev.corkboard.follow.Follows.boardIds;
import static dev.corkboard.follow.Follows.followBoard;
import static dev.corkboard.follow.Follows.followUser;
import static dev.corkboard.follow.Follows.profileCount;
import static dev.corkboard.follow.Follows.unfollowBoard;
import static dev.corkboard.follow.Follows.unfollowUser;
import static dev.corkboard.follow.Follows.usernames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Following accounts and boards through v5 and the extensions: answers, lists and counts. */
class FollowApiTest {

  @Test
  void followingAnAccountAnswersItsSummaryAndCountsOnBothSides() {
    User alice = Users.signUp();
    User bob = Users.signUp();

    Api.Response answer =
        alice
            .client()
            .post(
                "/v5/user_account/following/" + bob.username().toUpperCase(java.util.Locale.ROOT),
                Map.of("auto_follow", false));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.text("type")).isEqualTo("user");
    assertThat(answer.text("username")).isEqualTo(bob.username());
    assertThat(alice.client().get("/v5/user_account").json().path("following_count").asInt())
        .isEqualTo(1);
    assertThat(bob.client().get("/v5/user_account").json().path("follower_count").asInt())
        .isEqualTo(1);
    assertThat(profileCount(alice.client(), bob.username(), "follower_count")).isEqualTo(1);
    assertThat(profileCount(bob.client(), alice.username(), "following_count")).isEqualTo(1);
  }

  @Test
  void followingAgainOrUnfollowingTwiceChangesNothing() {
    User alice = Users.signUp();
    User bob = Users.signUp();

    followUser(alice.client(), bob.username());
    followUser(alice.client(), bob.username());
    assertThat(profileCount(alice.client(), bob.username(), "follower_count")).isEqualTo(1);

    unfollowUser(alice.client(), bob.username());
    unfollowUser(alice.client(), bob.username());
    assertThat(profileCount(alice.client(), bob.username(), "follower_count")).isZero();
    assertThat(profileCount(alice.client(), alice.username(), "following_count")).isZero();
    assertThat(usernames(alice.client(), "/v5/user_account/following")).isEmpty();
    assertThat(usernames(bob.client(), "/v5/user_account/followers")).isEmpty();
  }

  @Test
  void followsAreListedInBothDirectionsNewestFirstAcrossPages() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    User carol = Users.signUp();
    User dave = Users.signUp();

    followUser(alice.client(), bob.username());
    followUser(alice.client(), carol.username());
    followUser(alice.client(), dave.username());
    followUser(carol.client(), dave.username());

    assertThat(usernames(alice.client(), "/v5/user_account/following"))
        .containsExactly(dave.username(), carol.username(), bob.username());
    assertThat(usernames(alice.client(), "/v5/user_account/following?feed_type=RANKED"))
        .containsExactly(dave.username(), carol.username(), bob.username());
    assertThat(usernames(dave.client(), "/v5/user_account/followers"))
        .containsExactly(carol.username(), alice.username());
    assertThat(profileCount(alice.client(), dave.username(), "follower_count")).isEqualTo(2);
  }

  @Test
  void creatorOnlyFollowingListsNobodyAsThereAreNoCreatorAccounts() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    followUser(alice.client(), bob.username());

    assertThat(usernames(alice.client(), "/v5/user_account/following?feed_type=CREATOR_ONLY"))
        .isEmpty();
  }

  @Test
  void followingAnAccountFollowsItsPublicBoardsPresentAndFuture() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String before = Pins.board(bob.client(), "Before");

    followUser(alice.client(), bob.username());
    String after = Pins.board(bob.client(), "After");

    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards"))
        .containsExactly(after, before);
    assertThat(
            boardIds(alice.client(), "/v5/user_account/following/boards?explicit_following=true"))
        .isEmpty();
    assertThat(boardFollowers(alice.client(), before)).isEqualTo(1);
    assertThat(boardFollowers(bob.client(), after)).isEqualTo(1);
    assertThat(usernames(bob.client(), "/v5/boards/" + after + "/followers"))
        .containsExactly(alice.username());
  }

  @Test
  void anExplicitBoardFollowMakesItsOwnerAnImplicitFollow() {
    User alice = Users.signUp();
    User carol = Users.signUp();
    String board = Pins.board(carol.client(), "Recipes");

    assertThat(followBoard(alice.client(), board).path("follower_count").asInt()).isEqualTo(1);

    assertThat(
            boardIds(alice.client(), "/v5/user_account/following/boards?explicit_following=true"))
        .containsExactly(board);
    assertThat(usernames(alice.client(), "/v5/user_account/following"))
        .containsExactly(carol.username());
    assertThat(usernames(alice.client(), "/v5/user_account/following?explicit_following=true"))
        .isEmpty();
    // A board follow is not a follow of its owner's account.
    assertThat(profileCount(alice.client(), carol.username(), "follower_count")).isZero();
    assertThat(usernames(carol.client(), "/v5/boards/" + board + "/followers"))
        .containsExactly(alice.username());
  }

  @Test
  void unfollowingOneBoardOfAFollowedAccountKeepsItsOtherBoardsFollowed() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String kept = Pins.board(bob.client(), "Kept");
    String dropped = Pins.board(bob.client(), "Dropped");
    followUser(alice.client(), bob.username());

    unfollowBoard(alice.client(), dropped);

    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards")).containsExactly(kept);
    assertThat(boardFollowers(bob.client(), dropped)).isZero();
    assertThat(boardFollowers(bob.client(), kept)).isEqualTo(1);
    assertThat(usernames(bob.client(), "/v5/boards/" + dropped + "/followers")).isEmpty();
    assertThat(profileCount(alice.client(), bob.username(), "follower_count")).isEqualTo(1);

    // Following it again undoes the unfollow; it is now followed explicitly as well.
    assertThat(followBoard(alice.client(), dropped).path("follower_count").asInt()).isEqualTo(1);
    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards"))
        .containsExactlyInAnyOrder(kept, dropped);
    assertThat(
            boardIds(alice.client(), "/v5/user_account/following/boards?explicit_following=true"))
        .containsExactly(dropped);
  }

  @Test
  void unfollowingAnAccountKeepsOnlyItsBoardsFollowedExplicitly() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String explicit = Pins.board(bob.client(), "Explicit");
    String implicit = Pins.board(bob.client(), "Implicit");
    String unfollowed = Pins.board(bob.client(), "Unfollowed");
    followBoard(alice.client(), explicit);
    followUser(alice.client(), bob.username());
    unfollowBoard(alice.client(), unfollowed);
    assertThat(boardFollowers(bob.client(), explicit)).isEqualTo(1);

    unfollowUser(alice.client(), bob.username());

    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards"))
        .containsExactly(explicit);
    assertThat(boardFollowers(bob.client(), explicit)).isEqualTo(1);
    assertThat(boardFollowers(bob.client(), implicit)).isZero();
    assertThat(boardFollowers(bob.client(), unfollowed)).isZero();

    // Following the account again follows all its public boards: the old unfollow is forgotten.
    followUser(alice.client(), bob.username());
    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards"))
        .containsExactlyInAnyOrder(explicit, implicit, unfollowed);
    assertThat(boardFollowers(bob.client(), unfollowed)).isEqualTo(1);
    assertThat(boardFollowers(bob.client(), explicit)).isEqualTo(1);
  }

  @Test
  void aPublicProfileCountsOnlyPublicBoardsAndTheirPinsForEverybody() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String open = Pins.board(bob.client(), "Open");
    String hidden = Pins.board(bob.client(), "Hidden", "SECRET");
    Pins.create(bob.client(), open, Color.RED);
    Pins.create(bob.client(), hidden, Color.BLUE);
    followUser(alice.client(), bob.username());

    for (Api viewer : new Api[] {alice.client(), bob.client()}) {
      Api.Response profile = viewer.get("/v5/users/" + bob.username());
      assertThat(profile.status()).as(profile.body()).isEqualTo(200);
      assertThat(profile.text("username")).isEqualTo(bob.username());
      assertThat(profile.json().path("board_count").asInt()).isEqualTo(1);
      assertThat(profile.json().path("pin_count").asInt()).isEqualTo(1);
      assertThat(profile.json().path("follower_count").asInt()).isEqualTo(1);
      assertThat(boardIds(viewer, "/v5/users/" + bob.username() + "/boards")).containsExactly(open);
    }
  }

  @Test
  void followingYourselfOrYourOwnBoardAnswers400() {
    User alice = Users.signUp();
    String board = Pins.board(alice.client(), "Mine");

    Api.Response self = alice.client().post("/v5/user_account/following/" + alice.username(), "{}");
    assertThat(self.status()).as(self.body()).isEqualTo(400);
    assertThat(self.code()).isEqualTo(1);
    assertThat(self.message()).contains("yourself");
    assertThat(alice.client().delete("/v5/user_account/following/" + alice.username()).status())
        .isEqualTo(400);

    Api.Response own = alice.client().put("/v5/boards/" + board + "/follow");
    assertThat(own.status()).as(own.body()).isEqualTo(400);
    assertThat(own.message()).contains("board_id").contains("own board");
    assertThat(alice.client().delete("/v5/boards/" + board + "/follow").status()).isEqualTo(400);
  }

  @Test
  void anUnknownUserAnswers404WithCode30() {
    User alice = Users.signUp();
    String nobody = "nobody_" + System.nanoTime();

    for (Api.Response answer :
        new Api.Response[] {
          alice.client().post("/v5/user_account/following/" + nobody, Map.of()),
          alice.client().delete("/v5/user_account/following/" + nobody),
          alice.client().get("/v5/users/" + nobody),
          alice.client().get("/v5/users/" + nobody + "/boards")
        }) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertThat(answer.code()).isEqualTo(30);
      assertThat(answer.message()).isEqualTo("User not found.");
    }
  }

  @Test
  void aNameNoAccountCouldHaveAnswersAsAnUnknownUser() {
    User alice = Users.signUp();

    // A space, a non-ASCII letter, too long; then the NUL byte, which PostgreSQL's text cannot
    // hold (and the spec validator cannot place in a path, so it goes raw).
    for (String name : List.of("two%20words", "caf%C3%A9", "x".repeat(31))) {
      for (Api.Response answer :
          new Api.Response[] {
            alice.client().post("/v5/user_account/following/" + name, Map.of()),
            alice.client().delete("/v5/user_account/following/" + name),
            alice.client().get("/v5/users/" + name),
            alice.client().get("/v5/users/" + name + "/boards")
          }) {
        assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo(30);
      }
    }
    for (String method : List.of("GET /v5/users/%00", "GET /v5/users/a%00b/boards")) {
      String answer =
          dev.corkboard.support.RawHttp.exchange(
              dev.corkboard.support.TestServer.shared().port(),
              method
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + alice.token()
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(method).startsWith("HTTP/1.1 404").contains("\"code\":30");
    }
  }

  @Test
  void aBadBodyOrParameterAnswers400NamingTheField() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String path = "/v5/user_account/following/" + bob.username();

    Api.Response notBoolean = alice.client().post(path, Map.of("auto_follow", "yes"));
    assertThat(notBoolean.status()).as(notBoolean.body()).isEqualTo(400);
    assertThat(notBoolean.code()).isEqualTo(1);
    assertThat(notBoolean.message()).contains("auto_follow");

    Api.Response notJson = alice.client().post(path, "{\"auto_follow\": ");
    assertThat(notJson.status()).as(notJson.body()).isEqualTo(400);
    assertThat(notJson.code()).isEqualTo(1);

    Api.Response empty = alice.client().send("POST", path, "application/json", new byte[0]);
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);

    Api.Response feedType = alice.client().get("/v5/user_account/following?feed_type=BEST");
    assertThat(feedType.status()).isEqualTo(400);
    assertThat(feedType.message()).contains("feed_type");

    Api.Response explicit =
        alice.client().get("/v5/user_account/following/boards?explicit_following=maybe");
    assertThat(explicit.status()).isEqualTo(400);
    assertThat(explicit.message()).contains("explicit_following");

    Api.Response bookmark =
        alice.client().get("/v5/user_account/following/boards?bookmark=bm90IG91cnM");
    assertThat(bookmark.status()).isEqualTo(400);
    assertThat(bookmark.message()).contains("bookmark");
    assertThat(profileCount(alice.client(), bob.username(), "follower_count")).isZero();
  }
}
