package dev.corkboard.feed;

import static dev.corkboard.feed.Feeds.awaitFeed;
import static dev.corkboard.feed.Feeds.feed;
import static dev.corkboard.follow.Follows.followBoard;
import static dev.corkboard.follow.Follows.followUser;
import static dev.corkboard.follow.Follows.unfollowBoard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * First pages of home feeds answered from memory: two servers on one database, the first reading
 * every feed page from the database, the second keeping first pages for an hour. What the second
 * keeps must still drop, in its very next answer, what a write on the first hid.
 */
class FeedFirstPageApiTest {

  private static Application reading;
  private static Application keeping;

  @BeforeAll
  static void startServers() {
    reading =
        Application.start(
            new ServerConfig("127.0.0.1", 0, TestServer.newDataDir(), Optional.empty(), true, 4)
                .withFeed(feedKeepingFirstPagesFor(Duration.ZERO)));
    keeping =
        Application.start(
            new ServerConfig(
                    "127.0.0.1",
                    0,
                    TestServer.newDataDir(),
                    Optional.of(reading.databaseSettings().toString()),
                    true,
                    4)
                .withFeed(feedKeepingFirstPagesFor(Duration.ofHours(1))));
  }

  @AfterAll
  static void stopServers() {
    keeping.close();
    reading.close();
  }

  @Test
  void aKeptFirstPageStillDropsAtOnceADeletedPinABoardTurnedSecretAMoveAndAnUnfollow() {
    User reader = Users.signUp(Api.of(reading));
    User bob = Users.signUp(Api.of(reading));
    String kept = Pins.board(bob.client(), "Kept");
    String turnsSecret = Pins.board(bob.client(), "Turns secret");
    String unfollowed = Pins.board(bob.client(), "Unfollowed later");
    String elsewhere = Pins.board(bob.client(), "Elsewhere");
    followUser(reader.client(), bob.username());
    unfollowBoard(reader.client(), elsewhere);
    String stays = pin(bob, kept);
    String deleted = pin(bob, kept);
    String moved = pin(bob, kept);
    String hidden = pin(bob, turnsSecret);
    String dropped = pin(bob, unfollowed);
    String last = pin(bob, kept);
    List<String> all = List.of(last, dropped, hidden, moved, deleted, stays);
    awaitFeed(reader.client(), all);
    Api onKeeping = Api.of(keeping).bearer(reader.token());
    assertThat(firstPage(onKeeping, 25)).isEqualTo(all);

    assertThat(bob.client().delete("/v5/pins/" + deleted).status()).isEqualTo(204);
    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(last, dropped, hidden, moved, stays));
    patch(bob, "/v5/boards/" + turnsSecret, Map.of("privacy", "SECRET"));
    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(last, dropped, moved, stays));
    patch(bob, "/v5/pins/" + moved, Map.of("board_id", elsewhere));
    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(last, dropped, stays));
    unfollowBoard(reader.client(), unfollowed);
    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(last, stays));
    assertThat(feed(onKeeping)).isEqualTo(List.of(last, stays));
  }

  @Test
  void aKeptFirstPageWithTooManyPinsHiddenSinceIsReadAgainAndPagesOnWithoutRepeats() {
    User reader = Users.signUp(Api.of(reading));
    User bob = Users.signUp(Api.of(reading));
    String board = Pins.board(bob.client(), "Board");
    followBoard(reader.client(), board);
    String oldest = pin(bob, board);
    String older = pin(bob, board);
    String newer = pin(bob, board);
    String newest = pin(bob, board);
    awaitFeed(reader.client(), List.of(newest, newer, older, oldest));
    Api onKeeping = Api.of(keeping).bearer(reader.token());
    // A page of two keeps three pins: hiding two of them leaves one, less than a page.
    assertThat(firstPage(onKeeping, 2)).isEqualTo(List.of(newest, newer));

    assertThat(bob.client().delete("/v5/pins/" + newest).status()).isEqualTo(204);
    assertThat(bob.client().delete("/v5/pins/" + newer).status()).isEqualTo(204);

    assertThat(firstPage(onKeeping, 2)).isEqualTo(List.of(older, oldest));
    assertThat(feed(onKeeping)).isEqualTo(List.of(older, oldest));
  }

  @Test
  void followingMoreReadsTheFirstPageAgain() {
    User reader = Users.signUp(Api.of(reading));
    User bob = Users.signUp(Api.of(reading));
    User carol = Users.signUp(Api.of(reading));
    String bobs = Pins.board(bob.client(), "Bob's");
    String carols = Pins.board(carol.client(), "Carol's");
    followBoard(reader.client(), bobs);
    String bobsPin = pin(bob, bobs);
    awaitFeed(reader.client(), List.of(bobsPin));
    Api onKeeping = Api.of(keeping).bearer(reader.token());
    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(bobsPin));

    // The follow changes what the reader follows, which makes the second server read its first
    // page again.
    followUser(reader.client(), carol.username());
    String carolsPin = pin(carol, carols);
    awaitFeed(reader.client(), List.of(carolsPin, bobsPin));

    assertThat(firstPage(onKeeping, 25)).isEqualTo(List.of(carolsPin, bobsPin));
  }

  private static List<String> firstPage(Api api, int size) {
    Api.Response page = api.get("/v5/feed?page_size=" + size);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return Pins.ids(page);
  }

  private static void patch(User owner, String path, Map<String, Object> body) {
    Api.Response changed = owner.client().patch(path, body);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
  }

  private static String pin(User owner, String boardId) {
    return Pins.create(owner.client(), boardId, Color.ORANGE).text("id");
  }

  private static ServerConfig.Feed feedKeepingFirstPagesFor(Duration time) {
    return new ServerConfig.Feed(TestServer.FEED_MERGE_ABOVE, 1_000, 2, time);
  }
}
