package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who sees and changes pins on SECRET and PROTECTED boards: only the board's owner, through a token
 * with {@code pins:read_secret} (board lists also need {@code boards:read_secret}, writes need
 * {@code pins:write_secret}); to anyone else such a pin is an unknown pin.
 */
class PinPrivacyApiTest {

  /** One request that addresses a pin by id; {@code board} is a public board of the caller's. */
  @FunctionalInterface
  private interface ByIdRequest {
    Api.Response send(Api api, String pinId, String board);
  }

  private record Operation(String name, ByIdRequest request) {}

  /** Every v5 operation that addresses a pin by id. */
  private static final List<Operation> BY_ID_OPERATIONS =
      List.of(
          new Operation("pins/get", (api, p, b) -> api.get("/v5/pins/" + p)),
          new Operation(
              "pins/update", (api, p, b) -> api.patch("/v5/pins/" + p, Map.of("title", "Mine"))),
          new Operation(
              "pins/update moving it",
              (api, p, b) -> api.patch("/v5/pins/" + p, Map.of("board_id", b))),
          new Operation("pins/delete", (api, p, b) -> api.delete("/v5/pins/" + p)),
          new Operation(
              "pins/save",
              (api, p, b) -> api.post("/v5/pins/" + p + "/save", Map.of("board_id", b))));

  /** Every scope but those named. */
  private static String[] allScopesBut(String... left) {
    List<String> scopes = new ArrayList<>(Users.ALL_SCOPES);
    scopes.removeAll(List.of(left));
    return scopes.toArray(String[]::new);
  }

  /** A hidden board of Alice's with a pin on it and a section holding another pin. */
  private record Hidden(
      Users.User owner, String board, String pin, String section, String sectionPin) {

    static Hidden of(String privacy) {
      Users.User owner = Users.signUp();
      String board = Pins.board(owner.client(), "Hidden", privacy);
      String pin = Pins.create(owner.client(), board, Color.BLACK).text("id");
      String section = Pins.section(owner.client(), board, "Hidden section");
      String sectionPin = Pins.createInSection(owner.client(), board, section);
      return new Hidden(owner, board, pin, section, sectionPin);
    }

    void assertUntouched() {
      Api.Response pin = owner.client().get("/v5/pins/" + this.pin);
      assertThat(pin.status()).as(pin.body()).isEqualTo(200);
      assertThat(pin.text("title")).isEqualTo("A pin");
      assertThat(pin.text("board_id")).isEqualTo(board);
      Api.Response boardNow = owner.client().get("/v5/boards/" + board);
      assertThat(boardNow.json().path("pin_count").asInt()).isEqualTo(2);
    }
  }

  /** The id of a pin that existed and was deleted: well formed, but of no pin. */
  private static String deletedPinId(Users.User user) {
    String board = Pins.board(user.client(), "Short-lived " + System.nanoTime());
    String pin = Pins.create(user.client(), board, Color.WHITE).text("id");
    assertThat(user.client().delete("/v5/pins/" + pin).status()).isEqualTo(204);
    return pin;
  }

  private static String outcome(Api.Response response) {
    return response.status() + " code=" + response.code() + " message=" + response.message();
  }

  /** Each operation on the hidden pin answers exactly as the same operation on an unknown pin. */
  private static void assertAnsweredAsUnknownPin(Api api, String hiddenPin, String unknownPin) {
    String board = Pins.board(api, "Caller's " + System.nanoTime());
    SoftAssertions soft = new SoftAssertions();
    for (Operation operation : BY_ID_OPERATIONS) {
      Api.Response hidden = operation.request().send(api, hiddenPin, board);
      Api.Response unknown = operation.request().send(api, unknownPin, board);
      soft.assertThat(hidden.status()).as(operation.name() + ": " + hidden.body()).isEqualTo(404);
      soft.assertThat(hidden.code()).as(operation.name()).isEqualTo(50);
      soft.assertThat(outcome(hidden)).as(operation.name()).isEqualTo(outcome(unknown));
    }
    soft.assertAll();
    assertThat(api.get("/v5/boards/" + board).json().path("pin_count").asInt())
        .as("pins saved or moved onto the caller's board")
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenPinIsAnsweredToAnotherUserExactlyAsAnUnknownPin(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Users.User bob = Users.signUp();

    assertAnsweredAsUnknownPin(bob.client(), hidden.pin(), deletedPinId(bob));

    hidden.assertUntouched();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenPinIsAnsweredToItsOwnerWithoutPinsReadSecretExactlyAsAnUnknownPin(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Api withoutReadSecret = hidden.owner().withScopes(allScopesBut("pins:read_secret"));

    assertAnsweredAsUnknownPin(withoutReadSecret, hidden.pin(), deletedPinId(hidden.owner()));

    hidden.assertUntouched();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void ownerSeesHiddenPinThroughPinsReadSecret(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Api reader = hidden.owner().withScopes("boards:read", "pins:read", "pins:read_secret");

    Api.Response pin = reader.get("/v5/pins/" + hidden.pin());

    assertThat(pin.status()).as(pin.body()).isEqualTo(200);
    assertThat(pin.text("board_id")).isEqualTo(hidden.board());
    assertThat(pin.json().path("is_owner").asBoolean()).isTrue();
  }

  @Test
  void ownerNeedsPinsWriteSecretToChangeMoveOrDeleteHiddenPin() {
    Hidden hidden = Hidden.of("SECRET");
    Api withoutWriteSecret = hidden.owner().withScopes(allScopesBut("pins:write_secret"));
    String publicBoard = Pins.board(hidden.owner().client(), "Public");

    List<Api.Response> answers =
        List.of(
            withoutWriteSecret.patch("/v5/pins/" + hidden.pin(), Map.of("title", "Changed")),
            withoutWriteSecret.patch("/v5/pins/" + hidden.pin(), Map.of("board_id", publicBoard)),
            withoutWriteSecret.delete("/v5/pins/" + hidden.pin()));

    SoftAssertions soft = new SoftAssertions();
    for (Api.Response answer : answers) {
      soft.assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      soft.assertThat(answer.code()).as(answer.body()).isEqualTo(3);
      soft.assertThat(answer.message()).contains("pins:write_secret");
    }
    soft.assertAll();
    hidden.assertUntouched();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void creatingOrSavingOntoOwnHiddenBoardWithoutPinsWriteSecretIsMissingScope(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Api withoutWriteSecret = hidden.owner().withScopes(allScopesBut("pins:write_secret"));
    String publicBoard = Pins.board(hidden.owner().client(), "Public");
    String publicPin = Pins.create(hidden.owner().client(), publicBoard, Color.BLUE).text("id");

    Api.Response created =
        withoutWriteSecret.post(
            "/v5/pins",
            Map.of(
                "board_id",
                hidden.board(),
                "media_source",
                Pins.base64Source(Images.png(8, 8, Color.RED))));
    Api.Response saved =
        withoutWriteSecret.post(
            "/v5/pins/" + publicPin + "/save", Map.of("board_id", hidden.board()));
    Api.Response moved =
        withoutWriteSecret.patch("/v5/pins/" + publicPin, Map.of("board_id", hidden.board()));

    for (Api.Response answer : List.of(created, saved, moved)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.code()).isEqualTo(3);
      assertThat(answer.message()).contains("pins:write_secret");
    }
    hidden.assertUntouched();
    assertThat(hidden.owner().client().get("/v5/pins/" + publicPin).text("board_id"))
        .isEqualTo(publicBoard);
  }

  @Test
  void ownerWithEveryScopeCreatesSavesAndMovesPinsOnHiddenBoard() {
    Hidden hidden = Hidden.of("SECRET");
    Api owner = hidden.owner().client();
    String publicBoard = Pins.board(owner, "Public");
    String publicPin = Pins.create(owner, publicBoard, Color.BLUE).text("id");

    String saved = Pins.save(owner, publicPin, hidden.board());
    Api.Response moved = owner.patch("/v5/pins/" + publicPin, Map.of("board_id", hidden.board()));

    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("board_id")).isEqualTo(hidden.board());
    assertThat(owner.get("/v5/pins/" + saved).text("board_id")).isEqualTo(hidden.board());
    assertThat(owner.get("/v5/boards/" + hidden.board()).json().path("pin_count").asInt())
        .isEqualTo(4);
  }

  /**
   * A token that may write secret pins but not read them still gets an answer describing what it
   * wrote, as board writes do: answering 404 after the write would invite a duplicating retry.
   */
  @Test
  void writeOnlySecretTokenIsAnsweredWithThePinItWroteOnHiddenBoard() {
    Hidden hidden = Hidden.of("SECRET");
    Api writeOnly = hidden.owner().withScopes(allScopesBut("pins:read_secret"));
    String publicBoard = Pins.board(hidden.owner().client(), "Public");
    String publicPin = Pins.create(hidden.owner().client(), publicBoard, Color.BLUE).text("id");

    Api.Response created =
        writeOnly.post(
            "/v5/pins",
            Map.of(
                "board_id",
                hidden.board(),
                "title",
                "Written blind",
                "media_source",
                Pins.base64Source(Images.png(8, 8, Color.RED))));
    Api.Response saved =
        writeOnly.post("/v5/pins/" + publicPin + "/save", Map.of("board_id", hidden.board()));
    Api.Response moved =
        writeOnly.patch("/v5/pins/" + publicPin, Map.of("board_id", hidden.board()));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("title")).isEqualTo("Written blind");
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(saved.text("parent_pin_id")).isEqualTo(publicPin);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("board_id")).isEqualTo(hidden.board());
    // Reading the pins back still needs pins:read_secret.
    assertThat(writeOnly.get("/v5/pins/" + created.text("id")).code()).isEqualTo(50);
    assertThat(
            hidden
                .owner()
                .client()
                .get("/v5/boards/" + hidden.board())
                .json()
                .path("pin_count")
                .asInt())
        .isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenBoardsPinListsNeedTheOwnerWithBothReadSecretScopes(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Users.User bob = Users.signUp();
    String boardPins = "/v5/boards/" + hidden.board() + "/pins";
    String sectionPins = "/v5/boards/" + hidden.board() + "/sections/" + hidden.section() + "/pins";
    List<Api> refused =
        List.of(
            bob.client(),
            hidden.owner().withScopes(allScopesBut("pins:read_secret")),
            hidden.owner().withScopes(allScopesBut("boards:read_secret")));

    SoftAssertions soft = new SoftAssertions();
    for (Api api : refused) {
      for (String path : List.of(boardPins, sectionPins)) {
        Api.Response answer = api.get(path);
        soft.assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(404);
        soft.assertThat(answer.code()).as(path + " " + answer.body()).isEqualTo(40);
      }
    }
    soft.assertAll();

    Api owner =
        hidden
            .owner()
            .withScopes("boards:read", "boards:read_secret", "pins:read", "pins:read_secret");
    assertThat(Pins.ids(owner.get(boardPins))).containsExactly(hidden.sectionPin(), hidden.pin());
    assertThat(Pins.ids(owner.get(sectionPins))).containsExactly(hidden.sectionPin());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void ownersPinListShowsHiddenPinsOnlyWithBothReadSecretScopes(String privacy) {
    Hidden hidden = Hidden.of(privacy);
    Api owner = hidden.owner().client();
    String publicPin = Pins.create(owner, Pins.board(owner, "Public"), Color.ORANGE).text("id");

    assertThat(Pins.ids(owner.get("/v5/pins")))
        .containsExactly(publicPin, hidden.sectionPin(), hidden.pin());
    for (String[] scopes :
        List.of(
            allScopesBut("pins:read_secret"),
            allScopesBut("boards:read_secret"),
            allScopesBut("pins:read_secret", "boards:read_secret"))) {
      Api.Response page = hidden.owner().withScopes(scopes).get("/v5/pins");
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(Pins.ids(page)).as(String.join(" ", scopes)).containsExactly(publicPin);
    }
    assertThat(Pins.ids(Users.signUp().client().get("/v5/pins"))).isEmpty();
  }

  @Test
  void boardTurnedSecretHidesItsPinsFromOthers() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String board = Pins.board(alice.client(), "Soon secret");
    String pin = Pins.create(alice.client(), board, Color.PINK).text("id");
    assertThat(bob.client().get("/v5/pins/" + pin).status()).isEqualTo(200);

    Api.Response update = alice.client().patch("/v5/boards/" + board, Map.of("privacy", "SECRET"));
    assertThat(update.status()).as(update.body()).isEqualTo(200);

    Api.Response hidden = bob.client().get("/v5/pins/" + pin);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.code()).isEqualTo(50);
    assertThat(bob.client().get("/v5/boards/" + board + "/pins").code()).isEqualTo(40);
    assertThat(alice.client().get("/v5/pins/" + pin).status()).isEqualTo(200);
  }

  @Test
  void aPublicSaveOfASecretPinNamesItsParentOnlyToWhoMaySeeIt() {
    Hidden hidden = Hidden.of("SECRET");
    Api owner = hidden.owner().client();
    String open = Pins.board(owner, "Shown");
    Api.Response saved = owner.post("/v5/pins/" + hidden.pin() + "/save", Map.of("board_id", open));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    String save = saved.text("id");
    assertThat(saved.text("parent_pin_id")).isEqualTo(hidden.pin());

    Api stranger = Users.signUp().client();
    Api withoutReadSecret = hidden.owner().withScopes(allScopesBut("pins:read_secret"));
    for (Api reader : List.of(stranger, withoutReadSecret)) {
      assertThat(reader.get("/v5/pins/" + save).json().path("parent_pin_id").isNull()).isTrue();
      assertThat(
              reader
                  .get("/v5/boards/" + open + "/pins")
                  .json()
                  .path("items")
                  .get(0)
                  .path("parent_pin_id")
                  .isNull())
          .isTrue();
      assertThat(reader.get("/v5/boards/" + open + "/pins").body()).doesNotContain(hidden.pin());
    }
    assertThat(owner.get("/v5/pins/" + save).text("parent_pin_id")).isEqualTo(hidden.pin());
  }

  @Test
  void aSaveStopsNamingItsParentOnceTheParentMovesToASecretBoard() {
    Users.User author = Users.signUp();
    String open = Pins.board(author.client(), "Open");
    String hiddenBoard = Pins.board(author.client(), "Hidden", "SECRET");
    String parent = Pins.create(author.client(), open, Color.GREEN).text("id");
    Users.User fan = Users.signUp();
    String fanBoard = Pins.board(fan.client(), "Saved");
    String save = Pins.save(fan.client(), parent, fanBoard);
    Api stranger = Users.signUp().client();
    // Read once, so the save and its board's first page are cached as they are.
    assertThat(stranger.get("/v5/pins/" + save).text("parent_pin_id")).isEqualTo(parent);
    assertThat(stranger.get("/v5/boards/" + fanBoard + "/pins").body()).contains(parent);

    Api.Response moved =
        author.client().patch("/v5/pins/" + parent, Map.of("board_id", hiddenBoard));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    assertThat(stranger.get("/v5/pins/" + save).json().path("parent_pin_id").isNull()).isTrue();
    assertThat(stranger.get("/v5/boards/" + fanBoard + "/pins").body()).doesNotContain(parent);
    assertThat(fan.client().get("/v5/pins/" + save).json().path("parent_pin_id").isNull()).isTrue();
  }
}
