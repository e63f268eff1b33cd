package dev.corkboard.feed;

import static dev.corkboard.feed.Feeds.awaitFeed;
import static dev.corkboard.feed.Feeds.feed;
import static dev.corkboard.follow.Follows.followBoard;
import static dev.corkboard.follow.Follows.followUser;
import static dev.corkboard.follow.Follows.unfollowBoard;
import static dev.corkboard.follow.Follows.unfollowUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import dev.corkboard.support.Waits;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The home feed through {@code GET /v5/feed}: what it shows, in which order, and how follows,
 * deletions and privacy change it (test servers merge accounts of {@value
 * TestServer#FEED_MERGE_ABOVE} followers or more at read time).
 */
class FeedApiTest {

  @Test
  void showsNewPinsOfFollowedBoardsAndAccountsNewestFirstEachOnceNeverTheCallersOwn() {
    User reader = Users.signUp();
    User bob = Users.signUp();
    User carol = Users.signUp();
    String bobs = Pins.board(bob.client(), "Bob's");
    String bobsOther = Pins.board(bob.client(), "Bob's other");
    String bobsSecret = Pins.board(bob.client(), "Bob's secret", "SECRET");
    String carols = Pins.board(carol.client(), "Carol's");
    String carolsUnfollowed = Pins.board(carol.client(), "Carol's unfollowed");
    String readers = Pins.board(reader.client(), "Reader's");
    String before = pin(bob, bobs);

    followUser(reader.client(), bob.username());
    followBoard(reader.client(), bobs); // a second path to the same board
    followBoard(reader.client(), carols);
    String first = pin(bob, bobs);
    String second = pin(carol, carols);
    pin(bob, bobsSecret);
    pin(carol, carolsUnfollowed);
    String third = pin(bob, bobsOther);
    String saved = Pins.save(bob.client(), second, bobs);
    Pins.save(reader.client(), first, readers);

    awaitFeed(reader.client(), List.of(saved, third, second, first));
    assertThat(feed(reader.client())).doesNotContain(before);
  }

  @Test
  void pagesByBookmarkWithTheAskedPageSize() {
    User reader = Users.signUp();
    User bob = Users.signUp();
    String board = Pins.board(bob.client(), "Five");
    followUser(reader.client(), bob.username());
    List<String> pins =
        List.of(pin(bob, board), pin(bob, board), pin(bob, board), pin(bob, board), pin(bob, board))
            .reversed();
    awaitFeed(reader.client(), pins);

    Api.Response firstPage = reader.client().get("/v5/feed?page_size=3");
    assertThat(firstPage.status()).as(firstPage.body()).isEqualTo(200);
    assertThat(Pins.ids(firstPage)).isEqualTo(pins.subList(0, 3));
    String bookmark = firstPage.text("bookmark");
    Api.Response lastPage = reader.client().get("/v5/feed?page_size=3&bookmark=" + bookmark);
    assertThat(Pins.ids(lastPage)).isEqualTo(pins.subList(3, 5));
    assertThat(lastPage.json().path("bookmark").isNull()).isTrue();
    assertThat(reader.client().get("/v5/feed?bookmark=x" + bookmark).status()).isEqualTo(400);
  }

  @Test
  void answersPinsInTheV5PinShapeWithTheirMedia() {
    User reader = Users.signUp();
    User bob = Users.signUp();
    String board = Pins.board(bob.client(), "Shapes");
    followBoard(reader.client(), board);
    String pinId = pin(bob, board);
    awaitFeed(reader.client(), List.of(pinId));

    Api.Response page = reader.client().get("/v5/feed");

    assertThat(page.json().path("items").get(0).path("board_id").asText()).isEqualTo(board);
    assertThat(page.json().path("items").get(0).path("media").isObject()).isTrue();
  }

  @Test
  void needsTheScopesToReadPinsAndFollows() {
    User reader = Users.signUp();

    assertThat(reader.withScopes("pins:read").get("/v5/feed").status()).isEqualTo(403);
    assertThat(reader.withScopes("pins:read", "user_accounts:read").get("/v5/feed").status())
        .isEqualTo(200);
  }

  @Test
  void unfollowingAnAccountOrABoardRemovesItsPinsAtOnce() {
    User reader = Users.signUp();
    User bob = Users.signUp();
    User carol = Users.signUp();
    String bobs = Pins.board(bob.client(), "Bob's");
    String carols = Pins.board(carol.client(), "Carol's");
    followUser(reader.client(), bob.username());
    followBoard(reader.client(), carols);
    String bobsPin = pin(bob, bobs);
    String carolsPin = pin(carol, carols);
    awaitFeed(reader.client(), List.of(carolsPin, bobsPin));

    unfollowUser(reader.client(), bob.username());
    assertThat(feed(reader.client())).containsExactly(carolsPin);
    unfollowBoard(reader.client(), carols);
    assertThat(feed(reader.client())).isEmpty();
  }

  @Test
  void aDeletedPinAndABoardTurnedSecretLeaveEveryFeedAtOnce() {
    User reader = Users.signUp();
    User other = Users.signUp();
    User bob = Users.signUp();
    String kept = Pins.board(bob.client(), "Kept");
    String hidden = Pins.board(bob.client(), "Hidden");
    followUser(reader.client(), bob.username());
    followUser(other.client(), bob.username());
    String deleted = pin(bob, kept);
    String stays = pin(bob, kept);
    String turnsSecret = pin(bob, hidden);
    awaitFeed(reader.client(), List.of(turnsSecret, stays, deleted));
    awaitFeed(other.client(), List.of(turnsSecret, stays, deleted));

    assertThat(bob.client().delete("/v5/pins/" + deleted).status()).isEqualTo(204);
    Api.Response secret = bob.client().patch("/v5/boards/" + hidden, Map.of("privacy", "SECRET"));
    assertThat(secret.status()).as(secret.body()).isEqualTo(200);

    assertThat(feed(reader.client())).containsExactly(stays);
    assertThat(feed(other.client())).containsExactly(stays);
  }

  @Test
  void anUnfollowedBoardOfAFollowedAccountDoesNotFeed() {
    User reader = Users.signUp();
    User bob = Users.signUp();
    String followed = Pins.board(bob.client(), "Followed");
    String unfollowed = Pins.board(bob.client(), "Unfollowed");
    followUser(reader.client(), bob.username());
    unfollowBoard(reader.client(), unfollowed);

    String notShown = pin(bob, unfollowed);
    String shown = pin(bob, followed);
    awaitFanOuts();

    assertThat(feed(reader.client())).containsExactly(shown).doesNotContain(notShown);
    assertThat(entries(notShown)).isZero();
  }

  @Test
  void anAccountWithManyFollowersFeedsThroughTheReadTimeMerge() {
    User reader = Users.signUp();
    User celebrity = Users.signUp();
    User ordinary = Users.signUp();
    String famous = Pins.board(celebrity.client(), "Famous");
    String plain = Pins.board(ordinary.client(), "Plain");
    String older = pin(celebrity, famous);
    followUser(reader.client(), ordinary.username());
    followUser(reader.client(), celebrity.username());
    for (int i = 1; i < TestServer.FEED_MERGE_ABOVE; i++) {
      followUser(Users.signUp().client(), celebrity.username());
    }
    String first = pin(ordinary, plain);
    String merged = pin(celebrity, famous);
    String last = pin(ordinary, plain);

    awaitFeed(reader.client(), List.of(last, merged, first, older));
    awaitFanOuts();
    assertThat(entries(merged)).isZero();
    assertThat(entries(first)).isEqualTo(1);
  }

  private static String pin(User owner, String boardId) {
    return Pins.create(owner.client(), boardId, Color.ORANGE).text("id");
  }

  /** Waits until no fan-out is pending, so what the fan-outs would write has been written. */
  static void awaitFanOuts() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (TestDatabase.shared()
            .one(
                "SELECT count(*) FROM jobs WHERE kind = $1 AND state = 'pending'",
                row -> row.getLong(0),
                FeedFanOut.KIND)
            .orElseThrow()
        > 0) {
      assertThat(System.nanoTime()).as("fan-outs still pending after 30 s").isLessThan(deadline);
      Waits.sleep(50);
    }
  }

  /** The feed entries of a pin, in every feed. */
  static long entries(String pinId) {
    return TestDatabase.shared()
        .one(
            "SELECT count(*) FROM feed_entries WHERE pin_id = $1",
            row -> row.getLong(0),
            Long.parseLong(pinId))
        .orElseThrow();
  }
}
