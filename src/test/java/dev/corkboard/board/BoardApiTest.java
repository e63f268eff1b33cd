package dev.corkboard.board;

import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createSection;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.nameOfLength;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.Boards.sectionPath;
import static dev.corkboard.board.Boards.sectionPinsOf;
import static dev.corkboard.board.Boards.sectionsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Boards through v5: create, read, list, update, delete, names, counts and empty pin lists. */
class BoardApiTest {

  private static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  @Test
  void createsPublicBoardWithEveryFieldOfTheV5Board() {
    Users.User alice = Users.signUp();

    Api.Response created =
        alice.client().post("/v5/boards", Map.of("name", "Recipes", "description", "Food"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode board = created.json();
    assertThat(board.path("id").asText()).matches("\\d+");
    assertThat(board.path("name").asText()).isEqualTo("Recipes");
    assertThat(board.path("description").asText()).isEqualTo("Food");
    assertThat(board.path("privacy").asText()).isEqualTo("PUBLIC");
    assertThat(board.path("owner").path("username").asText()).isEqualTo(alice.username());
    assertThat(board.path("created_at").asText()).matches(RFC3339_UTC);
    assertThat(board.path("board_pins_modified_at").asText()).matches(RFC3339_UTC);
    assertThat(Instant.parse(board.path("board_pins_modified_at").asText()))
        .isEqualTo(Instant.parse(board.path("created_at").asText()));
    assertThat(board.path("pin_count").isInt()).isTrue();
    assertThat(board.path("pin_count").asInt()).isZero();
    assertThat(board.path("follower_count").asInt(-1)).isZero();
    assertThat(board.path("collaborator_count").asInt(-1)).isZero();
    assertThat(board.path("media").isObject()).as(created.body()).isTrue();
    assertThat(board.path("media").path("pin_thumbnail_urls").isArray()).isTrue();
    assertThat(board.path("media").path("pin_thumbnail_urls")).isEmpty();
  }

  @Test
  void readsBackTheBoardAsCreated() {
    Users.User alice = Users.signUp();
    Api.Response created =
        alice.client().post("/v5/boards", Map.of("name", "Garden", "description", "Plants"));

    Api.Response read = alice.client().get(boardPath(created.text("id")));

    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());
  }

  @Test
  void listsTheCallersBoardsNewestFirst() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String first = createBoard(alice.client(), "First");
    createBoard(bob.client(), "Bob's board");
    String second = createBoard(alice.client(), "Second");
    String third = createBoard(alice.client(), "Third");

    Api.Response list = alice.client().get("/v5/boards");

    assertThat(ids(list)).containsExactly(third, second, first);
    assertThat(list.json().path("bookmark").isNull()).isTrue();
  }

  @Test
  void updatesNameAndDescription() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Old name");

    Api.Response updated =
        alice
            .client()
            .patch(boardPath(id), Map.of("name", "New name", "description", "New description"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.text("name")).isEqualTo("New name");
    assertThat(updated.text("description")).isEqualTo("New description");
    Api.Response read = alice.client().get(boardPath(id));
    assertThat(read.text("name")).isEqualTo("New name");
    assertThat(read.text("description")).isEqualTo("New description");
    assertThat(read.text("privacy")).isEqualTo("PUBLIC");
  }

  @Test
  void leavesFieldsThatAPatchOmitsAsTheyWere() {
    Users.User alice = Users.signUp();
    Api.Response created =
        alice.client().post("/v5/boards", Map.of("name", "Kept", "description", "Before"));

    Api.Response updated =
        alice.client().patch(boardPath(created.text("id")), Map.of("description", "After"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.text("name")).isEqualTo("Kept");
    assertThat(updated.text("description")).isEqualTo("After");
  }

  @Test
  void updatesPrivacyToSecretAndBackToPublic() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Changing");

    Api.Response secret = alice.client().patch(boardPath(id), Map.of("privacy", "SECRET"));
    assertThat(secret.status()).as(secret.body()).isEqualTo(200);
    assertThat(secret.text("privacy")).isEqualTo("SECRET");
    assertThat(alice.client().get(boardPath(id)).text("privacy")).isEqualTo("SECRET");

    Api.Response open = alice.client().patch(boardPath(id), Map.of("privacy", "PUBLIC"));
    assertThat(open.status()).as(open.body()).isEqualTo(200);
    assertThat(open.text("privacy")).isEqualTo("PUBLIC");
    assertThat(alice.client().get(boardPath(id)).text("privacy")).isEqualTo("PUBLIC");
  }

  @Test
  void answersAnUpdateOfAProtectedBoardWithoutItsPrivacy() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Protected", "PROTECTED");

    Api.Response updated = alice.client().patch(boardPath(id), Map.of("name", "Still protected"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("name").asText()).isEqualTo("Still protected");
    assertThat(updated.json().has("privacy")).as(updated.body()).isFalse();
    assertThat(alice.client().get(boardPath(id)).text("privacy")).isEqualTo("PROTECTED");
  }

  @Test
  void rejectsProtectedPrivacyOnUpdate() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Not protectable");

    Api.Response updated = alice.client().patch(boardPath(id), Map.of("privacy", "PROTECTED"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(400);
    assertThat(updated.code()).isEqualTo(1);
    assertThat(updated.message()).contains("privacy");
    assertThat(alice.client().get(boardPath(id)).text("privacy")).isEqualTo("PUBLIC");
  }

  @Test
  void deletesBoardSoThatItIsNotFoundAfterwards() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Doomed");

    Api.Response deleted = alice.client().delete(boardPath(id));

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    Api.Response read = alice.client().get(boardPath(id));
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.code()).isEqualTo(40);
    assertThat(ids(alice.client().get("/v5/boards"))).doesNotContain(id);
  }

  @Test
  void deletingBoardDeletesItsSections() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "With sections");
    String sectionId = createSection(alice.client(), boardId, "Inside");

    assertThat(alice.client().delete(boardPath(boardId)).status()).isEqualTo(204);

    Api.Response sections = alice.client().get(sectionsOf(boardId));
    assertThat(sections.status()).isEqualTo(404);
    assertThat(sections.code()).isEqualTo(40);
    Api.Response rename =
        alice.client().patch(sectionPath(boardId, sectionId), Map.of("name", "Revived"));
    assertThat(rename.status()).isEqualTo(404);
    assertThat(rename.code()).isEqualTo(40);
    Api.Response pins = alice.client().get(sectionPinsOf(boardId, sectionId));
    assertThat(pins.status()).isEqualTo(404);
    assertThat(pins.code()).isEqualTo(40);
  }

  @Test
  void rejectsDuplicateBoardNameIgnoringCase() {
    Users.User alice = Users.signUp();
    createBoard(alice.client(), "Travel Ideas");

    Api.Response duplicate = alice.client().post("/v5/boards", Map.of("name", "tRAVEL iDEAS"));

    assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
    assertThat(duplicate.message()).contains("tRAVEL iDEAS");
    assertThat(ids(alice.client().get("/v5/boards"))).hasSize(1);
  }

  @Test
  void allowsTheSameBoardNameForAnotherUser() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    createBoard(alice.client(), "Shared name");

    Api.Response bobs = bob.client().post("/v5/boards", Map.of("name", "Shared name"));

    assertThat(bobs.status()).as(bobs.body()).isEqualTo(201);
  }

  @Test
  void rejectsRenameToTheNameOfAnotherBoardIgnoringCase() {
    Users.User alice = Users.signUp();
    createBoard(alice.client(), "Taken");
    String other = createBoard(alice.client(), "Other");

    Api.Response rename = alice.client().patch(boardPath(other), Map.of("name", "TAKEN"));

    assertThat(rename.status()).as(rename.body()).isEqualTo(409);
    assertThat(rename.message()).contains("TAKEN");
    assertThat(alice.client().get(boardPath(other)).text("name")).isEqualTo("Other");
  }

  @Test
  void acceptsBoardNameOf180Characters() {
    Users.User alice = Users.signUp();

    Api.Response created = alice.client().post("/v5/boards", Map.of("name", nameOfLength(180)));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("name")).hasSize(180);
  }

  @Test
  void rejectsBoardNameOf181Characters() {
    Users.User alice = Users.signUp();

    Api.Response created = alice.client().post("/v5/boards", Map.of("name", nameOfLength(181)));

    assertThat(created.status()).as(created.body()).isEqualTo(400);
    assertThat(created.code()).isEqualTo(1);
    assertThat(created.message()).contains("name");
    assertThat(ids(alice.client().get("/v5/boards"))).isEmpty();
  }

  @Test
  void rejectsRenameToANameOf181Characters() {
    Users.User alice = Users.signUp();
    String id = createBoard(alice.client(), "Short");

    Api.Response rename = alice.client().patch(boardPath(id), Map.of("name", nameOfLength(181)));

    assertThat(rename.status()).as(rename.body()).isEqualTo(400);
    assertThat(rename.code()).isEqualTo(1);
    assertThat(alice.client().get(boardPath(id)).text("name")).isEqualTo("Short");
  }

  @Test
  void boardCountOfTheAccountFollowsCreatesAndDeletesExactly() {
    Users.User alice = Users.signUp();
    Api api = alice.client();
    assertThat(boardCount(api)).isZero();

    String first = createBoard(api, "One");
    String second = createBoard(api, "Two");
    createBoard(api, "Three", "SECRET");
    assertThat(boardCount(api)).isEqualTo(3);

    assertThat(api.post("/v5/boards", Map.of("name", "one")).status()).isEqualTo(409);
    assertThat(api.post("/v5/boards", Map.of("name", nameOfLength(181))).status()).isEqualTo(400);
    assertThat(boardCount(api)).isEqualTo(3);

    assertThat(api.delete(boardPath(first)).status()).isEqualTo(204);
    assertThat(boardCount(api)).isEqualTo(2);

    assertThat(api.delete(boardPath(first)).status()).isEqualTo(404);
    assertThat(boardCount(api)).isEqualTo(2);

    assertThat(api.delete(boardPath(second)).status()).isEqualTo(204);
    assertThat(boardCount(api)).isEqualTo(1);
  }

  @Test
  void acceptsAndIgnoresAdAccountId() {
    Users.User alice = Users.signUp();
    Api api = alice.client();
    String query = "?ad_account_id=549755885175";

    Api.Response created = api.post("/v5/boards" + query, Map.of("name", "Ads"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.text("id");

    assertThat(api.get(boardPath(id) + query).json()).isEqualTo(api.get(boardPath(id)).json());
    assertThat(ids(api.get("/v5/boards" + query))).containsExactly(id);
    Api.Response updated = api.patch(boardPath(id) + query, Map.of("name", "Ads renamed"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.text("name")).isEqualTo("Ads renamed");
    assertThat(api.delete(boardPath(id) + query).status()).isEqualTo(204);
    assertThat(api.get(boardPath(id)).status()).isEqualTo(404);
  }

  @Test
  void listsNoPinsOfAVisibleBoardOrSection() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String boardId = createBoard(alice.client(), "Empty");
    String sectionId = createSection(alice.client(), boardId, "Empty section");

    for (Api api : new Api[] {alice.client(), bob.client()}) {
      Api.Response boardPins = api.get(pinsOf(boardId));
      assertThat(boardPins.status()).as(boardPins.body()).isEqualTo(200);
      assertThat(boardPins.json()).isEqualTo(emptyPage());

      Api.Response sectionPins = api.get(sectionPinsOf(boardId, sectionId));
      assertThat(sectionPins.status()).as(sectionPins.body()).isEqualTo(200);
      assertThat(sectionPins.json()).isEqualTo(emptyPage());
    }
  }

  @Test
  void acceptsAKnownCreativeTypeOnBoardPins() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Typed");

    Api.Response pins = alice.client().get(pinsOf(boardId) + "?creative_types=REGULAR");

    assertThat(pins.status()).as(pins.body()).isEqualTo(200);
    assertThat(pins.json()).isEqualTo(emptyPage());
  }

  @Test
  void rejectsAnUnknownCreativeTypeOnBoardPins() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Typed");

    Api.Response pins = alice.client().get(pinsOf(boardId) + "?creative_types=BOGUS");

    assertThat(pins.status()).as(pins.body()).isEqualTo(400);
    assertThat(pins.code()).isEqualTo(1);
    assertThat(pins.message()).contains("creative_types").contains("BOGUS");
  }

  private static int boardCount(Api api) {
    Api.Response account = api.get("/v5/user_account");
    assertThat(account.status()).as(account.body()).isEqualTo(200);
    return account.json().path("board_count").asInt(-1);
  }

  private static JsonNode emptyPage() {
    return Json.parseTrusted("{\"items\":[],\"bookmark\":null}".getBytes(StandardCharsets.UTF_8));
  }
}
