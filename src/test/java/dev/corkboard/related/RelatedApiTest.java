package dev.corkboard.related;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import dev.corkboard.support.Waits;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Related pins and board ideas through the API: what the walks find, what they never show (the
 * query pin and its saves, pins on secret boards, pins reached only through a board made secret),
 * new saves joining within seconds, seeds, paging and the not-found answers.
 */
class RelatedApiTest {

  /** How long a new pin may take to reach the graph: a poll is a second apart. */
  private static final int SECONDS = 15;

  private static String pin(Api api, String board) {
    Api.Response created = Pins.create(api, board, Color.GREEN);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  private static Api.Response get(Api api, String path) {
    Api.Response page = api.get(path);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return page;
  }

  private static List<String> related(Api api, String pin) {
    return Pins.ids(get(api, "/v5/pins/" + pin + "/related?seed=7&page_size=100"));
  }

  private static List<String> ideas(Api api, String board) {
    return Pins.ids(get(api, "/v5/boards/" + board + "/ideas?seed=7&page_size=100"));
  }

  /** Waits until the related pins of {@code pin} hold {@code expected}, and answers them. */
  private static List<String> awaitRelated(Api api, String pin, String expected) {
    return Waits.until(SECONDS, () -> related(api, pin), found -> found.contains(expected));
  }

  @Test
  void relatedPinsComeFromTheBoardsAPinIsSavedToAndNeverIncludeItOrItsSaves() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String garden = Pins.board(alice.client(), "Garden");
    String query = pin(alice.client(), garden);
    String neighbour = pin(alice.client(), garden);
    String bobs = Pins.board(bob.client(), "Plants");
    String save = Pins.save(bob.client(), query, bobs);
    String bobsOwn = pin(bob.client(), bobs);

    List<String> found = awaitRelated(bob.client(), query, bobsOwn);
    assertThat(found).contains(neighbour, bobsOwn).doesNotContain(query, save);
    assertThat(related(alice.client(), query)).contains(neighbour, bobsOwn);
    // The save's related pins are its original's, without the original.
    assertThat(awaitRelated(bob.client(), save, neighbour)).doesNotContain(query, save);
  }

  @Test
  void aNewSaveJoinsTheRelatedPinsWithinSeconds() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String board = Pins.board(alice.client(), "Kitchen");
    String query = pin(alice.client(), board);
    String other = pin(alice.client(), board);
    awaitRelated(bob.client(), query, other);

    String later = Pins.board(bob.client(), "Later");
    Pins.save(bob.client(), query, later);
    String fresh = pin(bob.client(), later);
    assertThat(awaitRelated(bob.client(), query, fresh)).contains(fresh, other);
  }

  @Test
  void pinsOnSecretBoardsAreNeverRelatedNotEvenForTheirOwner() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String open = Pins.board(alice.client(), "Open");
    String query = pin(alice.client(), open);
    String visible = pin(alice.client(), open);
    String secret = Pins.board(alice.client(), "Hidden", "SECRET");
    Pins.save(alice.client(), query, secret);
    String hidden = pin(alice.client(), secret);
    String bobsSecret = Pins.board(bob.client(), "Mine", "SECRET");
    Pins.save(bob.client(), query, bobsSecret);
    String bobsHidden = pin(bob.client(), bobsSecret);

    awaitRelated(bob.client(), query, visible);
    for (Api caller : List.of(alice.client(), bob.client())) {
      assertThat(related(caller, query)).contains(visible).doesNotContain(hidden, bobsHidden);
    }
  }

  @Test
  void aBoardMadeSecretStopsContributingOnTheNextRequest() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String home = Pins.board(alice.client(), "Home");
    String query = pin(alice.client(), home);
    // far is on a public board of its own; it is related to query only through the bridge.
    String elsewhere = Pins.board(alice.client(), "Elsewhere");
    String far = pin(alice.client(), elsewhere);
    String bridge = Pins.board(alice.client(), "Bridge");
    Pins.save(alice.client(), query, bridge);
    Pins.save(alice.client(), far, bridge);
    awaitRelated(bob.client(), query, far);

    Api.Response hidden = alice.client().patch("/v5/boards/" + bridge, Map.of("privacy", "SECRET"));
    assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
    assertThat(related(bob.client(), query)).doesNotContain(far);
    assertThat(related(alice.client(), query)).doesNotContain(far);

    Api.Response shown = alice.client().patch("/v5/boards/" + bridge, Map.of("privacy", "PUBLIC"));
    assertThat(shown.status()).as(shown.body()).isEqualTo(200);
    assertThat(related(bob.client(), query)).contains(far);
  }

  @Test
  void aSeedGivesTheSameListAndBookmarksPageThroughOneRanking() {
    User alice = Users.signUp();
    String board = Pins.board(alice.client(), "Many");
    String query = pin(alice.client(), board);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(pin(alice.client(), board));
    }
    Api api = Users.signUp().client();
    List<String> all =
        Waits.until(SECONDS, () -> related(api, query), found -> found.containsAll(others));
    assertThat(all).containsExactlyInAnyOrderElementsOf(others);
    assertThat(related(api, query)).containsExactlyElementsOf(all);

    List<String> paged = new ArrayList<>();
    Api.Response page = get(api, "/v5/pins/" + query + "/related?seed=7&page_size=2");
    paged.addAll(Pins.ids(page));
    while (page.json().hasNonNull("bookmark")) {
      page =
          get(api, "/v5/pins/" + query + "/related?page_size=2&bookmark=" + page.text("bookmark"));
      paged.addAll(Pins.ids(page));
    }
    assertThat(paged).containsExactlyElementsOf(all);
    // Unseeded, the list still holds the same pins.
    assertThat(Pins.ids(get(api, "/v5/pins/" + query + "/related")))
        .containsExactlyInAnyOrderElementsOf(others);
  }

  @Test
  void boardIdeasLeaveOutThePinsAlreadyOnTheBoard() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String mine = Pins.board(bob.client(), "Mine");
    String theirs = Pins.board(alice.client(), "Theirs");
    String first = pin(alice.client(), theirs);
    String second = pin(alice.client(), theirs);
    String idea = pin(alice.client(), theirs);
    String firstSave = Pins.save(bob.client(), first, mine);
    String secondSave = Pins.save(bob.client(), second, mine);

    List<String> found =
        Waits.until(SECONDS, () -> ideas(bob.client(), mine), ids -> ids.contains(idea));
    assertThat(found).contains(idea).doesNotContain(first, second, firstSave, secondSave);

    String secret = Pins.board(bob.client(), "Secret ideas", "SECRET");
    Pins.save(bob.client(), first, secret);
    assertThat(Waits.until(SECONDS, () -> ideas(bob.client(), secret), ids -> ids.contains(idea)))
        .contains(idea, second)
        .doesNotContain(first);
  }

  @Test
  void unknownAndHiddenPinsAndBoardsAreNotFound() {
    User alice = Users.signUp();
    Api bob = Users.signUp().client();
    String secret = Pins.board(alice.client(), "Private", "SECRET");
    String pin = pin(alice.client(), secret);

    for (String path :
        List.of("/v5/pins/" + pin + "/related", "/v5/pins/123456789012345/related")) {
      Api.Response missing = bob.get(path);
      assertThat(missing.status()).as(missing.body()).isEqualTo(404);
      assertThat(missing.code()).isEqualTo(50);
    }
    for (String path :
        List.of("/v5/boards/" + secret + "/ideas", "/v5/boards/123456789012345/ideas")) {
      Api.Response missing = bob.get(path);
      assertThat(missing.status()).as(missing.body()).isEqualTo(404);
      assertThat(missing.code()).isEqualTo(40);
    }
    Api.Response badSeed = alice.client().get("/v5/pins/" + pin + "/related?seed=abc");
    assertThat(badSeed.status()).isEqualTo(400);
    assertThat(badSeed.code()).isEqualTo(1);
    assertThat(badSeed.message()).startsWith("seed must be an integer");
    assertThat(get(alice.client(), "/v5/pins/" + pin + "/related").json().path("items")).isEmpty();
  }
}
