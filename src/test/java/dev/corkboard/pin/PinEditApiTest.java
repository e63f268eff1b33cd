package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Editing, moving and deleting pins, and what that does to boards, sections and the account's
 * counts.
 */
class PinEditApiTest {

  private static Api.Response board(Api api, String boardId) {
    Api.Response board = api.get("/v5/boards/" + boardId);
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    return board;
  }

  private static int pinCount(Api api, String boardId) {
    return board(api, boardId).json().path("pin_count").asInt();
  }

  private static Instant pinsModifiedAt(Api api, String boardId) {
    return Instant.parse(board(api, boardId).text("board_pins_modified_at"));
  }

  private static int accountPinCount(Api api) {
    Api.Response account = api.get("/v5/user_account");
    assertThat(account.status()).as(account.body()).isEqualTo(200);
    return account.json().path("pin_count").asInt();
  }

  private static List<String> boardPins(Api api, String boardId) {
    Api.Response page = api.get("/v5/boards/" + boardId + "/pins");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return Pins.ids(page);
  }

  private static List<String> sectionPins(Api api, String boardId, String sectionId) {
    Api.Response page = api.get("/v5/boards/" + boardId + "/sections/" + sectionId + "/pins");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return Pins.ids(page);
  }

  private static void assertPinNotFound(Api api, String pinId) {
    Api.Response pin = api.get("/v5/pins/" + pinId);
    assertThat(pin.status()).as(pin.body()).isEqualTo(404);
    assertThat(pin.code()).isEqualTo(50);
  }

  /**
   * Waits until the wall clock is in a later second than {@code instant}: the wire carries
   * board_pins_modified_at in whole seconds, so only a change in a later second can show.
   */
  private static void awaitNextSecond(Instant instant) {
    Instant next = instant.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    while (!Instant.now().isAfter(next)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void patchChangesTitleDescriptionLinkAndAltText() {
    Api alice = Users.signUp().client();
    String pin = Pins.create(alice, Pins.board(alice, "Edits"), Color.RED).text("id");

    Api.Response updated =
        alice.patch(
            "/v5/pins/" + pin,
            Map.of(
                "title", "New title",
                "description", "New description",
                "link", "https://example.com/new",
                "alt_text", "A red square"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode read = alice.get("/v5/pins/" + pin).json();
    for (JsonNode body : List.of(updated.json(), read)) {
      assertThat(body.path("title").asText()).isEqualTo("New title");
      assertThat(body.path("description").asText()).isEqualTo("New description");
      assertThat(body.path("link").asText()).isEqualTo("https://example.com/new");
      assertThat(body.path("alt_text").asText()).isEqualTo("A red square");
    }
  }

  @Test
  void patchLeavesFieldsItDoesNotNameAsTheyWere() {
    Api alice = Users.signUp().client();
    String pin = Pins.create(alice, Pins.board(alice, "Edits"), Color.RED).text("id");
    alice.patch(
        "/v5/pins/" + pin,
        Map.of("description", "Kept", "link", "https://example.com/kept", "alt_text", "Kept"));

    Api.Response updated = alice.patch("/v5/pins/" + pin, Map.of("title", "Only the title"));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.text("title")).isEqualTo("Only the title");
    assertThat(updated.text("description")).isEqualTo("Kept");
    assertThat(updated.text("link")).isEqualTo("https://example.com/kept");
    assertThat(updated.text("alt_text")).isEqualTo("Kept");
  }

  @Test
  void nullClearsEachText() {
    Api alice = Users.signUp().client();
    String pin = Pins.create(alice, Pins.board(alice, "Clears"), Color.RED).text("id");
    alice.patch(
        "/v5/pins/" + pin,
        Map.of("description", "Soon gone", "link", "https://example.com/", "alt_text", "Gone"));
    Map<String, Object> clear = new HashMap<>();
    clear.put("title", null);
    clear.put("description", null);
    clear.put("link", null);
    clear.put("alt_text", null);

    Api.Response updated = alice.patch("/v5/pins/" + pin, clear);

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode read = alice.get("/v5/pins/" + pin).json();
    for (JsonNode body : List.of(updated.json(), read)) {
      for (String field : List.of("title", "description", "link", "alt_text")) {
        assertThat(body.path(field).isNull()).as(field + " in " + body).isTrue();
      }
    }
  }

  @Test
  void movingAPinToAnotherBoardMovesItsCountAndStampsBothBoards() {
    Users.User user = Users.signUp();
    Api alice = user.client();
    String from = Pins.board(alice, "From");
    String to = Pins.board(alice, "To");
    String pin = Pins.create(alice, from, Color.RED).text("id");
    String stays = Pins.create(alice, from, Color.BLUE).text("id");
    Instant fromBefore = pinsModifiedAt(alice, from);
    Instant toBefore = pinsModifiedAt(alice, to);
    awaitNextSecond(fromBefore.isAfter(toBefore) ? fromBefore : toBefore);

    Api.Response moved = alice.patch("/v5/pins/" + pin, Map.of("board_id", to));

    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("board_id")).isEqualTo(to);
    assertThat(alice.get("/v5/pins/" + pin).text("board_id")).isEqualTo(to);
    assertThat(pinCount(alice, from)).isEqualTo(1);
    assertThat(pinCount(alice, to)).isEqualTo(1);
    assertThat(pinsModifiedAt(alice, from)).isAfter(fromBefore);
    assertThat(pinsModifiedAt(alice, to)).isAfter(toBefore);
    assertThat(boardPins(alice, from)).containsExactly(stays);
    assertThat(boardPins(alice, to)).containsExactly(pin);
    assertThat(accountPinCount(alice)).isEqualTo(2);
  }

  @Test
  void movingAPinToAnotherBoardTakesItOutOfItsSection() {
    Api alice = Users.signUp().client();
    String from = Pins.board(alice, "From");
    String section = Pins.section(alice, from, "Section");
    String to = Pins.board(alice, "To");
    String pin = Pins.createInSection(alice, from, section);

    Api.Response moved = alice.patch("/v5/pins/" + pin, Map.of("board_id", to));

    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("board_section_id").isNull()).as(moved.body()).isTrue();
    assertThat(sectionPins(alice, from, section)).isEmpty();
  }

  @Test
  void movingAPinIntoASectionAndOutKeepsItOnTheBoard() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Sectioned");
    String section = Pins.section(alice, board, "Section");
    String pin = Pins.create(alice, board, Color.RED).text("id");

    Api.Response in = alice.patch("/v5/pins/" + pin, Map.of("board_section_id", section));

    assertThat(in.status()).as(in.body()).isEqualTo(200);
    assertThat(in.text("board_section_id")).isEqualTo(section);
    assertThat(in.text("board_id")).isEqualTo(board);
    assertThat(sectionPins(alice, board, section)).containsExactly(pin);

    Map<String, Object> out = new HashMap<>();
    out.put("board_section_id", null);
    Api.Response outOfSection = alice.patch("/v5/pins/" + pin, out);

    assertThat(outOfSection.status()).as(outOfSection.body()).isEqualTo(200);
    assertThat(outOfSection.json().path("board_section_id").isNull()).isTrue();
    assertThat(alice.get("/v5/pins/" + pin).json().path("board_section_id").isNull()).isTrue();
    assertThat(sectionPins(alice, board, section)).isEmpty();
    assertThat(boardPins(alice, board)).containsExactly(pin);
    assertThat(pinCount(alice, board)).isEqualTo(1);
  }

  @Test
  void movingAPinToASectionOfAnotherBoardIsNotFoundAndChangesNothing() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Home");
    String other = Pins.board(alice, "Other");
    String foreignSection = Pins.section(alice, other, "Elsewhere");
    String pin = Pins.create(alice, board, Color.RED).text("id");

    Api.Response sameBoard =
        alice.patch("/v5/pins/" + pin, Map.of("board_section_id", foreignSection));
    String third = Pins.board(alice, "Third");
    Api.Response withMove =
        alice.patch(
            "/v5/pins/" + pin, Map.of("board_id", third, "board_section_id", foreignSection));

    for (Api.Response answer : List.of(sameBoard, withMove)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertThat(answer.code()).isEqualTo(40);
    }
    Api.Response read = alice.get("/v5/pins/" + pin);
    assertThat(read.text("board_id")).isEqualTo(board);
    assertThat(read.json().path("board_section_id").isNull()).isTrue();
    assertThat(pinCount(alice, board)).isEqualTo(1);
    assertThat(pinCount(alice, third)).isZero();
    assertThat(sectionPins(alice, other, foreignSection)).isEmpty();
  }

  @Test
  void changingOrDeletingAnotherUsersPublicPinIsForbidden() {
    Api alice = Users.signUp().client();
    Api bob = Users.signUp().client();
    String board = Pins.board(alice, "Alice's");
    String pin = Pins.create(alice, board, Color.RED).text("id");
    String bobsBoard = Pins.board(bob, "Bob's");

    List<Api.Response> answers =
        List.of(
            bob.patch("/v5/pins/" + pin, Map.of("title", "Bob was here")),
            bob.patch("/v5/pins/" + pin, Map.of("board_id", bobsBoard)),
            bob.delete("/v5/pins/" + pin));

    for (Api.Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.code()).isEqualTo(29);
    }
    Api.Response read = alice.get("/v5/pins/" + pin);
    assertThat(read.text("title")).isEqualTo("A pin");
    assertThat(read.text("board_id")).isEqualTo(board);
    assertThat(pinCount(bob, bobsBoard)).isZero();
  }

  @Test
  void deletedPinIsGoneAndTheCountsGoDown() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Deletes");
    String pin = Pins.create(alice, board, Color.RED).text("id");
    String other = Pins.create(alice, board, Color.BLUE).text("id");
    assertThat(pinCount(alice, board)).isEqualTo(2);
    assertThat(accountPinCount(alice)).isEqualTo(2);

    Api.Response deleted = alice.delete("/v5/pins/" + pin);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertPinNotFound(alice, pin);
    Api.Response again = alice.delete("/v5/pins/" + pin);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.code()).isEqualTo(50);
    assertThat(pinCount(alice, board)).isEqualTo(1);
    assertThat(accountPinCount(alice)).isEqualTo(1);
    assertThat(boardPins(alice, board)).containsExactly(other);
  }

  @Test
  void deletingABoardDeletesItsPinsAndTheirCount() {
    Api alice = Users.signUp().client();
    String doomed = Pins.board(alice, "Doomed");
    String kept = Pins.board(alice, "Kept");
    List<String> doomedPins =
        List.of(
            Pins.create(alice, doomed, Color.RED).text("id"),
            Pins.create(alice, doomed, Color.GREEN).text("id"),
            Pins.createInSection(alice, doomed, Pins.section(alice, doomed, "Section")));
    String keptPin = Pins.create(alice, kept, Color.BLUE).text("id");
    String savedFromDoomed = Pins.save(alice, doomedPins.getFirst(), kept);
    assertThat(accountPinCount(alice)).isEqualTo(5);

    Api.Response deleted = alice.delete("/v5/boards/" + doomed);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    for (String pin : doomedPins) {
      assertPinNotFound(alice, pin);
    }
    assertThat(accountPinCount(alice)).isEqualTo(2);
    assertThat(boardPins(alice, kept)).containsExactly(savedFromDoomed, keptPin);
    assertThat(pinCount(alice, kept)).isEqualTo(2);
    assertThat(Pins.ids(alice.get("/v5/pins"))).containsExactly(savedFromDoomed, keptPin);
  }

  @Test
  void deletingASectionKeepsItsPinsOnTheBoard() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Sections");
    String section = Pins.section(alice, board, "Going");
    String inSection = Pins.createInSection(alice, board, section);
    String outside = Pins.create(alice, board, Color.RED).text("id");

    Api.Response deleted = alice.delete("/v5/boards/" + board + "/sections/" + section);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    Api.Response pin = alice.get("/v5/pins/" + inSection);
    assertThat(pin.status()).as(pin.body()).isEqualTo(200);
    assertThat(pin.text("board_id")).isEqualTo(board);
    assertThat(pin.json().path("board_section_id").isNull()).as(pin.body()).isTrue();
    assertThat(boardPins(alice, board)).containsExactly(outside, inSection);
    assertThat(pinCount(alice, board)).isEqualTo(2);
    assertThat(accountPinCount(alice)).isEqualTo(2);
  }

  @Test
  void concurrentMovesOfOnePinAllSucceedAndCountsStayExact() throws Exception {
    dev.corkboard.support.Users.User user = dev.corkboard.support.Users.signUp();
    dev.corkboard.support.Api api = user.client();
    String first = dev.corkboard.support.Pins.board(api, "Left");
    String second = dev.corkboard.support.Pins.board(api, "Right");
    String pin = dev.corkboard.support.Pins.create(api, first, java.awt.Color.GRAY).text("id");
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.List<java.util.concurrent.Future<Integer>> moves = new java.util.ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String target = i % 2 == 0 ? second : first;
        moves.add(
            executor.submit(
                () -> api.patch("/v5/pins/" + pin, java.util.Map.of("board_id", target)).status()));
      }
      for (var move : moves) {
        org.assertj.core.api.Assertions.assertThat(move.get()).isEqualTo(200);
      }
    }
    int left = api.get("/v5/boards/" + first).json().path("pin_count").asInt();
    int right = api.get("/v5/boards/" + second).json().path("pin_count").asInt();
    org.assertj.core.api.Assertions.assertThat(left + right).isEqualTo(1);
  }

  @Test
  void concurrentMovesInOppositeDirectionsBetweenTwoBoardsNeverDeadlock() throws Exception {
    dev.corkboard.support.Users.User user = dev.corkboard.support.Users.signUp();
    dev.corkboard.support.Api api = user.client();
    String left = dev.corkboard.support.Pins.board(api, "West");
    String right = dev.corkboard.support.Pins.board(api, "East");
    java.util.List<String> westward = new java.util.ArrayList<>();
    java.util.List<String> eastward = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      eastward.add(dev.corkboard.support.Pins.create(api, left, java.awt.Color.GRAY).text("id"));
      westward.add(dev.corkboard.support.Pins.create(api, right, java.awt.Color.GRAY).text("id"));
    }
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.List<java.util.concurrent.Future<dev.corkboard.support.Api.Response>> moves =
          new java.util.ArrayList<>();
      for (int round = 0; round < 5; round++) {
        boolean back = round % 2 == 1;
        for (int i = 0; i < 4; i++) {
          String east = eastward.get(i);
          String west = westward.get(i);
          moves.add(
              executor.submit(
                  () ->
                      api.patch(
                          "/v5/pins/" + east, java.util.Map.of("board_id", back ? left : right))));
          moves.add(
              executor.submit(
                  () ->
                      api.patch(
                          "/v5/pins/" + west, java.util.Map.of("board_id", back ? right : left))));
        }
      }
      for (var move : moves) {
        dev.corkboard.support.Api.Response response = move.get();
        org.assertj.core.api.Assertions.assertThat(response.status())
            .as(response.body())
            .isEqualTo(200);
      }
    }
    int west = api.get("/v5/boards/" + left).json().path("pin_count").asInt();
    int east = api.get("/v5/boards/" + right).json().path("pin_count").asInt();
    org.assertj.core.api.Assertions.assertThat(west + east).isEqualTo(8);
  }
}
