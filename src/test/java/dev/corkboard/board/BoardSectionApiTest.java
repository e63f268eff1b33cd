package dev.corkboard.board;

import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createSection;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.names;
import static dev.corkboard.board.Boards.sectionPath;
import static dev.corkboard.board.Boards.sectionPinsOf;
import static dev.corkboard.board.Boards.sectionsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Board sections through v5: create, list, rename, delete, names, and who may change them. */
class BoardSectionApiTest {

  @Test
  void createsSectionWithIdAndName() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");

    Api.Response created = alice.client().post(sectionsOf(boardId), Map.of("name", "Breakfast"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().fieldNames()).toIterable().containsExactly("id", "name");
    assertThat(created.text("id")).matches("\\d+");
    assertThat(created.text("name")).isEqualTo("Breakfast");
  }

  @Test
  void listsSectionsInTheOrderTheyWereCreated() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    String breakfast = createSection(alice.client(), boardId, "Breakfast");
    String lunch = createSection(alice.client(), boardId, "Lunch");
    String dinner = createSection(alice.client(), boardId, "Dinner");

    Api.Response list = alice.client().get(sectionsOf(boardId));

    assertThat(ids(list)).containsExactly(breakfast, lunch, dinner);
    assertThat(names(list)).containsExactly("Breakfast", "Lunch", "Dinner");
    assertThat(list.json().path("bookmark").isNull()).isTrue();
  }

  @Test
  void listsOnlyTheSectionsOfTheBoardAsked() {
    Users.User alice = Users.signUp();
    String kitchen = createBoard(alice.client(), "Kitchen");
    String garden = createBoard(alice.client(), "Garden");
    String breakfast = createSection(alice.client(), kitchen, "Breakfast");
    createSection(alice.client(), garden, "Roses");

    assertThat(ids(alice.client().get(sectionsOf(kitchen)))).containsExactly(breakfast);
  }

  @Test
  void renamesSection() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    String sectionId = createSection(alice.client(), boardId, "Brekfast");

    Api.Response renamed =
        alice.client().patch(sectionPath(boardId, sectionId), Map.of("name", "Breakfast"));

    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.text("id")).isEqualTo(sectionId);
    assertThat(renamed.text("name")).isEqualTo("Breakfast");
    assertThat(names(alice.client().get(sectionsOf(boardId)))).containsExactly("Breakfast");
  }

  @Test
  void deletesSection() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    String kept = createSection(alice.client(), boardId, "Kept");
    String doomed = createSection(alice.client(), boardId, "Doomed");

    Api.Response deleted = alice.client().delete(sectionPath(boardId, doomed));

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertThat(ids(alice.client().get(sectionsOf(boardId)))).containsExactly(kept);
    Api.Response again = alice.client().delete(sectionPath(boardId, doomed));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.code()).isEqualTo(40);
  }

  @Test
  void rejectsDuplicateSectionNameWithinABoard() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    createSection(alice.client(), boardId, "Breakfast");

    Api.Response duplicate = alice.client().post(sectionsOf(boardId), Map.of("name", "Breakfast"));

    assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
    assertThat(duplicate.message()).contains("Breakfast");
    assertThat(names(alice.client().get(sectionsOf(boardId)))).containsExactly("Breakfast");
  }

  @Test
  void rejectsSectionNameThatDiffersOnlyInCase() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    createSection(alice.client(), boardId, "Breakfast");

    Api.Response duplicate = alice.client().post(sectionsOf(boardId), Map.of("name", "BREAKFAST"));

    assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
  }

  @Test
  void rejectsRenamingSectionToTheNameOfAnotherSection() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    createSection(alice.client(), boardId, "Breakfast");
    String lunch = createSection(alice.client(), boardId, "Lunch");

    Api.Response renamed =
        alice.client().patch(sectionPath(boardId, lunch), Map.of("name", "Breakfast"));

    assertThat(renamed.status()).as(renamed.body()).isEqualTo(409);
    assertThat(names(alice.client().get(sectionsOf(boardId))))
        .containsExactly("Breakfast", "Lunch");
  }

  @Test
  void allowsTheSameSectionNameOnAnotherBoard() {
    Users.User alice = Users.signUp();
    String kitchen = createBoard(alice.client(), "Kitchen");
    String garden = createBoard(alice.client(), "Garden");
    createSection(alice.client(), kitchen, "Ideas");

    Api.Response created = alice.client().post(sectionsOf(garden), Map.of("name", "Ideas"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(names(alice.client().get(sectionsOf(garden)))).containsExactly("Ideas");
  }

  @Test
  void returnsNotFoundForAnUnknownSection() {
    Users.User alice = Users.signUp();
    String boardId = createBoard(alice.client(), "Kitchen");
    String sectionId = createSection(alice.client(), boardId, "Gone");
    assertThat(alice.client().delete(sectionPath(boardId, sectionId)).status()).isEqualTo(204);

    for (Api.Response response :
        List.of(
            alice.client().patch(sectionPath(boardId, sectionId), Map.of("name", "Back")),
            alice.client().delete(sectionPath(boardId, sectionId)),
            alice.client().get(sectionPinsOf(boardId, sectionId)))) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.code()).isEqualTo(40);
    }
  }

  @Test
  void returnsNotFoundForASectionAddressedThroughAnotherBoard() {
    Users.User alice = Users.signUp();
    String boardA = createBoard(alice.client(), "A");
    String boardB = createBoard(alice.client(), "B");
    String sectionOfA = createSection(alice.client(), boardA, "Of A");

    for (Api.Response response :
        List.of(
            alice.client().patch(sectionPath(boardB, sectionOfA), Map.of("name", "Moved")),
            alice.client().delete(sectionPath(boardB, sectionOfA)),
            alice.client().get(sectionPinsOf(boardB, sectionOfA)))) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.code()).isEqualTo(40);
    }
    assertThat(names(alice.client().get(sectionsOf(boardA)))).containsExactly("Of A");
  }

  @Test
  void returnsNotFoundForASectionOfAnotherUsersBoardAddressedThroughMine() {
    Users.User alice = Users.signUp();
    Users.User mallory = Users.signUp();
    String alicesBoard = createBoard(alice.client(), "Alice's");
    String alicesSection = createSection(alice.client(), alicesBoard, "Private matters");
    String mallorysBoard = createBoard(mallory.client(), "Mallory's");

    for (Api.Response response :
        List.of(
            mallory.client().patch(sectionPath(mallorysBoard, alicesSection), Map.of("name", "X")),
            mallory.client().delete(sectionPath(mallorysBoard, alicesSection)))) {
      assertThat(response.status()).as(response.body()).isEqualTo(404);
      assertThat(response.code()).isEqualTo(40);
    }
    assertThat(names(alice.client().get(sectionsOf(alicesBoard))))
        .containsExactly("Private matters");
  }

  @Test
  void forbidsAnotherUserToChangeSectionsOfMyPublicBoardButLetsThemListThem() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String boardId = createBoard(alice.client(), "Public");
    String sectionId = createSection(alice.client(), boardId, "Mine");

    for (Api.Response response :
        List.of(
            bob.client().post(sectionsOf(boardId), Map.of("name", "Bob's")),
            bob.client().patch(sectionPath(boardId, sectionId), Map.of("name", "Bob's now")),
            bob.client().delete(sectionPath(boardId, sectionId)))) {
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.code()).isEqualTo(29);
    }

    Api.Response bobsView = bob.client().get(sectionsOf(boardId));
    assertThat(ids(bobsView)).containsExactly(sectionId);
    assertThat(names(bobsView)).containsExactly("Mine");
    assertThat(names(alice.client().get(sectionsOf(boardId)))).containsExactly("Mine");
  }
}
