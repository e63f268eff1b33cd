package dev.corkboard.board;

import static dev.corkboard.board.Boards.READ_SECRET_NOT_WRITE_SECRET;
import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createSection;
import static dev.corkboard.board.Boards.deletedBoardId;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.names;
import static dev.corkboard.board.Boards.outcome;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.Boards.sectionPath;
import static dev.corkboard.board.Boards.sectionPinsOf;
import static dev.corkboard.board.Boards.sectionsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who sees and changes which boards: secret and protected boards are invisible to everybody but
 * their owner through a secret-reading token, and answered exactly as an unknown board.
 */
class BoardPrivacyApiTest {

  /** One request that addresses a board, and possibly a section of it, by id. */
  @FunctionalInterface
  private interface ByIdRequest {
    Api.Response send(Api api, String boardId, String sectionId);
  }

  private record Operation(String name, ByIdRequest request) {}

  /** Every v5 operation that addresses a board or a section of it by id. */
  private static final List<Operation> BY_ID_OPERATIONS =
      List.of(
          new Operation("boards/get", (api, b, s) -> api.get(boardPath(b))),
          new Operation(
              "boards/update", (api, b, s) -> api.patch(boardPath(b), Map.of("name", "Renamed"))),
          new Operation("boards/delete", (api, b, s) -> api.delete(boardPath(b))),
          new Operation("boards/list_pins", (api, b, s) -> api.get(pinsOf(b))),
          new Operation("board_sections/list", (api, b, s) -> api.get(sectionsOf(b))),
          new Operation(
              "board_sections/create",
              (api, b, s) -> api.post(sectionsOf(b), Map.of("name", "Added"))),
          new Operation(
              "board_sections/update",
              (api, b, s) -> api.patch(sectionPath(b, s), Map.of("name", "Renamed"))),
          new Operation("board_sections/delete", (api, b, s) -> api.delete(sectionPath(b, s))),
          new Operation("board_sections/list_pins", (api, b, s) -> api.get(sectionPinsOf(b, s))));

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenBoardIsAnsweredToAnotherUserExactlyAsAnUnknownBoard(String privacy) {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String hidden = createBoard(alice.client(), "Hidden", privacy);
    String section = createSection(alice.client(), hidden, "Hidden section");
    String unknown = deletedBoardId(alice.client());

    assertAnsweredAsUnknownBoard(bob.client(), hidden, section, unknown);

    assertUntouched(alice, hidden, "Hidden", privacy, "Hidden section");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenBoardIsAnsweredToItsOwnerWithoutReadSecretExactlyAsAnUnknownBoard(String privacy) {
    Users.User alice = Users.signUp();
    String hidden = createBoard(alice.client(), "Hidden", privacy);
    String section = createSection(alice.client(), hidden, "Hidden section");
    String unknown = deletedBoardId(alice.client());
    Api withoutReadSecret = alice.withScopes(Users.PUBLIC_SCOPES.toArray(String[]::new));

    assertAnsweredAsUnknownBoard(withoutReadSecret, hidden, section, unknown);

    assertUntouched(alice, hidden, "Hidden", privacy, "Hidden section");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void ownerWithReadSecretSeesHiddenBoardItsSectionsAndPins(String privacy) {
    Users.User alice = Users.signUp();
    String hidden = createBoard(alice.client(), "Hidden", privacy);
    String section = createSection(alice.client(), hidden, "Hidden section");
    Api readSecret = alice.withScopes("boards:read", "boards:read_secret", "pins:read");

    Api.Response board = readSecret.get(boardPath(hidden));
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    assertThat(board.text("privacy")).isEqualTo(privacy);
    assertThat(ids(readSecret.get(sectionsOf(hidden)))).containsExactly(section);
    // Pins of a hidden board also need pins:read_secret; without it they are unknown.
    assertThat(readSecret.get(pinsOf(hidden)).status()).isEqualTo(404);
    Api readSecretPins =
        alice.withScopes("boards:read", "boards:read_secret", "pins:read", "pins:read_secret");
    assertThat(readSecretPins.get(pinsOf(hidden)).status()).isEqualTo(200);
    assertThat(readSecretPins.get(sectionPinsOf(hidden, section)).status()).isEqualTo(200);
    assertThat(ids(readSecret.get("/v5/boards"))).containsExactly(hidden);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void rejectsCreatingHiddenBoardWithoutWriteSecret(String privacy) {
    Users.User alice = Users.signUp();
    Api withoutWriteSecret = alice.withScopes(READ_SECRET_NOT_WRITE_SECRET);

    Api.Response created =
        withoutWriteSecret.post("/v5/boards", Map.of("name", "Hidden", "privacy", privacy));

    assertThat(created.status()).as(created.body()).isEqualTo(403);
    assertThat(created.code()).isEqualTo(3);
    assertThat(created.message()).contains("boards:write_secret");
    assertThat(ids(alice.client().get("/v5/boards?privacy=ALL"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void rejectsChangingHiddenBoardWithReadSecretButWithoutWriteSecret(String privacy) {
    Users.User alice = Users.signUp();
    String hidden = createBoard(alice.client(), "Hidden", privacy);
    String section = createSection(alice.client(), hidden, "Hidden section");
    Api withoutWriteSecret = alice.withScopes(READ_SECRET_NOT_WRITE_SECRET);

    SoftAssertions softly = new SoftAssertions();
    for (Api.Response response :
        List.of(
            withoutWriteSecret.patch(boardPath(hidden), Map.of("name", "Renamed")),
            withoutWriteSecret.patch(boardPath(hidden), Map.of("privacy", "PUBLIC")),
            withoutWriteSecret.delete(boardPath(hidden)),
            withoutWriteSecret.post(sectionsOf(hidden), Map.of("name", "Added")),
            withoutWriteSecret.patch(sectionPath(hidden, section), Map.of("name", "Renamed")),
            withoutWriteSecret.delete(sectionPath(hidden, section)))) {
      softly.assertThat(outcome(response)).startsWith("403 code=3 ");
    }
    softly.assertAll();

    assertUntouched(alice, hidden, "Hidden", privacy, "Hidden section");
  }

  @Test
  void rejectsMakingPublicBoardSecretWithoutWriteSecret() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Open");

    Api.Response updated =
        alice
            .withScopes(READ_SECRET_NOT_WRITE_SECRET)
            .patch(boardPath(board), Map.of("privacy", "SECRET"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(403);
    assertThat(updated.code()).isEqualTo(3);
    assertThat(alice.client().get(boardPath(board)).text("privacy")).isEqualTo("PUBLIC");
  }

  @Test
  void listsOnlyPublicBoardsWithoutReadSecret() {
    Users.User alice = Users.signUp();
    String olderPublic = createBoard(alice.client(), "Public 1");
    createBoard(alice.client(), "Secret", "SECRET");
    createBoard(alice.client(), "Protected", "PROTECTED");
    String newerPublic = createBoard(alice.client(), "Public 2");
    Api withoutReadSecret = alice.withScopes(Users.PUBLIC_SCOPES.toArray(String[]::new));

    assertThat(ids(withoutReadSecret.get("/v5/boards"))).containsExactly(newerPublic, olderPublic);
    assertThat(ids(withoutReadSecret.get("/v5/boards?privacy=ALL")))
        .containsExactly(newerPublic, olderPublic);
    assertThat(ids(withoutReadSecret.get("/v5/boards?privacy=SECRET"))).isEmpty();
    assertThat(ids(withoutReadSecret.get("/v5/boards?privacy=PROTECTED"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "ALL,               Public 2|Secret|Protected|Public 1",
    "PUBLIC,            Public 2|Public 1",
    "PROTECTED,         Protected",
    "SECRET,            Secret",
    "PUBLIC_AND_SECRET, Public 2|Secret|Public 1"
  })
  void privacyFilterListsTheBoardsOfThosePrivacies(String filter, String expectedNames) {
    Users.User alice = Users.signUp();
    createBoard(alice.client(), "Public 1");
    createBoard(alice.client(), "Protected", "PROTECTED");
    createBoard(alice.client(), "Secret", "SECRET");
    createBoard(alice.client(), "Public 2");

    Api.Response list = alice.client().get("/v5/boards?privacy=" + filter);

    assertThat(names(list)).containsExactlyElementsOf(Arrays.asList(expectedNames.split("\\|")));
  }

  @Test
  void listsEveryPrivacyWithoutAFilter() {
    Users.User alice = Users.signUp();
    createBoard(alice.client(), "Public");
    createBoard(alice.client(), "Protected", "PROTECTED");
    createBoard(alice.client(), "Secret", "SECRET");

    assertThat(names(alice.client().get("/v5/boards")))
        .containsExactly("Secret", "Protected", "Public");
  }

  @Test
  void rejectsAnUnknownPrivacyFilter() {
    Users.User alice = Users.signUp();

    Api.Response list = alice.client().get("/v5/boards?privacy=NOPE");

    assertThat(list.status()).as(list.body()).isEqualTo(400);
    assertThat(list.code()).isEqualTo(1);
    assertThat(list.message()).contains("privacy");
  }

  @Test
  void anotherUserCanReadMyPublicBoardButNotChangeIt() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String board = createBoard(alice.client(), "Open");

    Api.Response read = bob.client().get(boardPath(board));
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().path("owner").path("username").asText()).isEqualTo(alice.username());

    Api.Response updated = bob.client().patch(boardPath(board), Map.of("name", "Bob's now"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(403);
    assertThat(updated.code()).isEqualTo(29);

    Api.Response hidden = bob.client().patch(boardPath(board), Map.of("privacy", "SECRET"));
    assertThat(hidden.status()).as(hidden.body()).isEqualTo(403);
    assertThat(hidden.code()).isEqualTo(29);

    Api.Response deleted = bob.client().delete(boardPath(board));
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(403);
    assertThat(deleted.code()).isEqualTo(29);

    Api.Response after = alice.client().get(boardPath(board));
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.text("name")).isEqualTo("Open");
    assertThat(after.text("privacy")).isEqualTo("PUBLIC");
  }

  /**
   * Fails unless every by-id operation on the hidden board answers exactly (status, code, message)
   * as the same operation on an unknown board does, and that answer is 404 with code 40.
   */
  @Test
  void writerWithoutReadSecretGetsTheSecretBoardItJustCreatedOrMadeSecret() {
    Users.User owner = Users.signUp();
    Api writeOnly = owner.withScopes("boards:read", "boards:write", "boards:write_secret");
    Api.Response created =
        writeOnly.post("/v5/boards", java.util.Map.of("name", "Write only", "privacy", "SECRET"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("privacy")).isEqualTo("SECRET");

    String publicId = Boards.createBoard(owner.client(), "Soon secret");
    Api.Response patched =
        writeOnly.patch("/v5/boards/" + publicId, java.util.Map.of("privacy", "SECRET"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.text("privacy")).isEqualTo("SECRET");
  }

  @Test
  void renamingAProtectedBoardAnswersWithinTheUpdateSchema() {
    Users.User owner = Users.signUp();
    String id = Boards.createBoard(owner.client(), "Protected one", "PROTECTED");
    Api.Response patched =
        owner.client().patch("/v5/boards/" + id, java.util.Map.of("name", "Renamed"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.text("name")).isEqualTo("Renamed");
    assertThat(owner.client().get("/v5/boards/" + id).text("privacy")).isEqualTo("PROTECTED");
  }

  private static void assertAnsweredAsUnknownBoard(
      Api api, String hiddenBoard, String hiddenSection, String unknownBoard) {
    SoftAssertions softly = new SoftAssertions();
    for (Operation operation : BY_ID_OPERATIONS) {
      String onUnknown = outcome(operation.request().send(api, unknownBoard, hiddenSection));
      String onHidden = outcome(operation.request().send(api, hiddenBoard, hiddenSection));
      softly
          .assertThat(onUnknown)
          .as(operation.name() + " on an unknown board")
          .startsWith("404 code=40 ");
      softly.assertThat(onHidden).as(operation.name() + " on a hidden board").isEqualTo(onUnknown);
    }
    softly.assertAll();
  }

  /** Fails unless the board still has the name, privacy and sections it was made with. */
  private static void assertUntouched(
      Users.User owner, String boardId, String name, String privacy, String... sectionNames) {
    Api.Response board = owner.client().get(boardPath(boardId));
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    assertThat(board.text("name")).isEqualTo(name);
    assertThat(board.text("privacy")).isEqualTo(privacy);
    assertThat(names(owner.client().get(sectionsOf(boardId)))).containsExactly(sectionNames);
  }

  @Test
  void secretBoardsPinCountIsShownOnlyWithTheSecretPinScope() {
    Users.User owner = Users.signUp();
    String hidden = dev.corkboard.support.Pins.board(owner.client(), "Counted", "SECRET");
    dev.corkboard.support.Pins.create(owner.client(), hidden, java.awt.Color.RED);

    Api boardsOnly = owner.withScopes("boards:read", "boards:read_secret");

    assertThat(owner.client().get("/v5/boards/" + hidden).json().path("pin_count").asInt(-1))
        .isEqualTo(1);
    assertThat(boardsOnly.get("/v5/boards/" + hidden).json().path("pin_count").asInt(-1)).isZero();
    assertThat(boardsOnly.get("/v5/boards").json().path("items").get(0).path("pin_count").asInt(-1))
        .isZero();
  }
}
