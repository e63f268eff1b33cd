package dev.corkboard.follow;

import static dev.corkboard.follow.Follows.boardFollowers;
import static dev.corkboard.follow.Follows.boardIds;
import static dev.corkboard.follow.Follows.followBoard;
import static dev.corkboard.follow.Follows.followUser;
import static dev.corkboard.follow.Follows.usernames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secret and protected boards in follows: never followed, never listed for anyone, never counted; a
 * board that turns secret drops out of every list and count at once.
 */
class FollowPrivacyApiTest {

  @Test
  void aSecretBoardOfAFollowedAccountIsNeverListedOrCounted() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String open = Pins.board(bob.client(), "Open");
    String secret = Pins.board(bob.client(), "Secret", "SECRET");
    String shielded = Pins.board(bob.client(), "Protected", "PROTECTED");
    followUser(alice.client(), bob.username());

    Api.Response listed = alice.client().get("/v5/user_account/following/boards");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain(shielded);
    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards")).containsExactly(open);
    assertThat(alice.client().get("/v5/users/" + bob.username() + "/boards").body())
        .doesNotContain(secret)
        .doesNotContain(shielded);
    // Their owner sees them, followed by nobody.
    assertThat(boardFollowers(bob.client(), secret)).isZero();
    assertThat(boardFollowers(bob.client(), shielded)).isZero();
    assertThat(usernames(bob.client(), "/v5/boards/" + secret + "/followers")).isEmpty();
    assertThat(boardFollowers(bob.client(), open)).isEqualTo(1);
  }

  @Test
  void aSecretBoardCannotBeFollowedAndAnswersAsAnUnknownBoard() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String secret = Pins.board(bob.client(), "Secret", "SECRET");

    for (Api.Response answer :
        new Api.Response[] {
          alice.client().put("/v5/boards/" + secret + "/follow"),
          alice.client().delete("/v5/boards/" + secret + "/follow"),
          alice.client().get("/v5/boards/" + secret + "/followers")
        }) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertThat(answer.code()).isEqualTo(40);
      assertThat(answer.message()).isEqualTo("Board not found.");
      assertThat(answer.body()).doesNotContain(secret);
    }
    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards")).isEmpty();
  }

  @Test
  void aBoardThatTurnsSecretStopsCountingAtOnceAndComesBackWithItsFollowers() {
    User alice = Users.signUp();
    User carol = Users.signUp();
    User owner = Users.signUp();
    String board = Pins.board(owner.client(), "Turning");
    followBoard(alice.client(), board);
    followUser(carol.client(), owner.username());
    assertThat(boardFollowers(owner.client(), board)).isEqualTo(2);

    Api.Response secret = owner.client().patch("/v5/boards/" + board, Map.of("privacy", "SECRET"));
    assertThat(secret.status()).as(secret.body()).isEqualTo(200);

    assertThat(secret.json().path("follower_count").asInt()).isZero();
    assertThat(boardFollowers(owner.client(), board)).isZero();
    assertThat(usernames(owner.client(), "/v5/boards/" + board + "/followers")).isEmpty();
    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards")).isEmpty();
    assertThat(boardIds(carol.client(), "/v5/user_account/following/boards")).isEmpty();
    // Alice followed only that board: its owner no longer counts as an implicit follow of hers.
    assertThat(usernames(alice.client(), "/v5/user_account/following")).isEmpty();
    assertThat(alice.client().put("/v5/boards/" + board + "/follow").status()).isEqualTo(404);

    Api.Response back = owner.client().patch("/v5/boards/" + board, Map.of("privacy", "PUBLIC"));
    assertThat(back.json().path("follower_count").asInt()).isEqualTo(2);
    assertThat(usernames(owner.client(), "/v5/boards/" + board + "/followers"))
        .containsExactlyInAnyOrder(alice.username(), carol.username());
  }

  @Test
  void aDeletedBoardLeavesEveryListOfFollows() {
    User alice = Users.signUp();
    User owner = Users.signUp();
    String board = Pins.board(owner.client(), "Doomed");
    followBoard(alice.client(), board);

    assertThat(owner.client().delete("/v5/boards/" + board).status()).isEqualTo(204);

    assertThat(boardIds(alice.client(), "/v5/user_account/following/boards")).isEmpty();
    assertThat(usernames(alice.client(), "/v5/user_account/following")).isEmpty();
    Api.Response gone = alice.client().put("/v5/boards/" + board + "/follow");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.code()).isEqualTo(40);
  }
}
