package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Moving, copying and deleting pins in bulk: answers, counts, trails and all-or-nothing. */
class BulkPinsApiTest {

  @Test
  void movingPinsPutsThemOnTheTargetBoardAndSectionAndRecountsBothBoards() {
    User alice = Users.signUp();
    Api api = alice.client();
    String from = Pins.board(api, "From");
    String to = Pins.board(api, "To");
    String section = Pins.section(api, to, "Kept");
    List<String> pins = pins(api, from, 3);

    Api.Response answer =
        bulk(
            api,
            Map.of(
                "action",
                "MOVE",
                "pin_ids",
                pins.subList(0, 2),
                "board_id",
                to,
                "board_section_id",
                section));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.text("action")).isEqualTo("MOVE");
    assertThat(answer.json().path("count").asInt()).isEqualTo(2);
    assertThat(items(answer)).containsExactlyElementsOf(pins.subList(0, 2));
    for (String pin : pins.subList(0, 2)) {
      JsonNode moved = api.get("/v5/pins/" + pin).json();
      assertThat(moved.path("board_id").asText()).isEqualTo(to);
      assertThat(moved.path("board_section_id").asText()).isEqualTo(section);
    }
    assertThat(pinCount(api, from)).isEqualTo(1);
    assertThat(pinCount(api, to)).isEqualTo(2);
    assertThat(accountCount(api, "pin_count")).isEqualTo(3);
    assertThat(ids(api.get("/v5/boards/" + to + "/sections/" + section + "/pins")))
        .containsExactlyInAnyOrderElementsOf(pins.subList(0, 2));
    // A move is recorded as PIN_MOVED on both boards' trails, one row per pin on each.
    assertThat(trail(from, "PIN_MOVED")).isEqualTo(2);
    assertThat(trail(to, "PIN_MOVED")).isEqualTo(2);
  }

  @Test
  void movingPinsWithinTheirBoardKeepsTheCountAndChangesTheirSection() {
    User alice = Users.signUp();
    Api api = alice.client();
    String board = Pins.board(api, "Board");
    String section = Pins.section(api, board, "Part");
    List<String> pins = pins(api, board, 2);

    Api.Response answer =
        bulk(
            api,
            Map.of(
                "action", "MOVE", "pin_ids", pins, "board_id", board, "board_section_id", section));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(pinCount(api, board)).isEqualTo(2);
    assertThat(ids(api.get("/v5/boards/" + board + "/sections/" + section + "/pins")))
        .containsExactlyInAnyOrderElementsOf(pins);
  }

  @Test
  void copyingPinsSavesNewPinsWhoseParentsAreTheCopiedPins() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String bobsBoard = Pins.board(bob.client(), "Bob's");
    List<String> bobsPins = pins(bob.client(), bobsBoard, 2);
    String board = Pins.board(alice.client(), "Copies");

    Api.Response answer =
        bulk(alice.client(), Map.of("action", "COPY", "pin_ids", bobsPins, "board_id", board));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.text("action")).isEqualTo("COPY");
    List<String> copies = items(answer);
    assertThat(copies).hasSize(2).doesNotContainAnyElementsOf(bobsPins);
    for (int i = 0; i < 2; i++) {
      JsonNode copy = alice.client().get("/v5/pins/" + copies.get(i)).json();
      assertThat(copy.path("board_id").asText()).isEqualTo(board);
      assertThat(copy.path("parent_pin_id").asText()).isEqualTo(bobsPins.get(i));
      assertThat(copy.path("media").path("images").size())
          .isEqualTo(
              alice
                  .client()
                  .get("/v5/pins/" + bobsPins.get(i))
                  .json()
                  .path("media")
                  .path("images")
                  .size());
    }
    assertThat(pinCount(alice.client(), board)).isEqualTo(2);
    assertThat(accountCount(alice.client(), "pin_count")).isEqualTo(2);
    assertThat(pinCount(bob.client(), bobsBoard)).isEqualTo(2);
    assertThat(accountCount(bob.client(), "pin_count")).isEqualTo(2);
    assertThat(trail(board, "PIN_ADDED")).isEqualTo(2);
  }

  @Test
  void deletingPinsRemovesThemAndRecountsTheirBoardsAndAccount() {
    User alice = Users.signUp();
    Api api = alice.client();
    String one = Pins.board(api, "One");
    String two = Pins.board(api, "Two");
    List<String> onOne = pins(api, one, 2);
    List<String> onTwo = pins(api, two, 2);
    List<String> doomed = List.of(onOne.get(0), onTwo.get(0), onTwo.get(1));

    Api.Response answer = bulk(api, Map.of("action", "DELETE", "pin_ids", doomed));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("count").asInt()).isEqualTo(3);
    assertThat(items(answer)).containsExactlyElementsOf(doomed);
    doomed.forEach(pin -> assertThat(api.get("/v5/pins/" + pin).status()).isEqualTo(404));
    assertThat(api.get("/v5/pins/" + onOne.get(1)).status()).isEqualTo(200);
    assertThat(pinCount(api, one)).isEqualTo(1);
    assertThat(pinCount(api, two)).isZero();
    assertThat(accountCount(api, "pin_count")).isEqualTo(1);
    assertThat(trail(two, "PIN_REMOVED")).isEqualTo(2);
  }

  @Test
  void aMoveWithSomeoneElsesPinInTheMiddleAnswers403NamingItAndWritesNothing() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String from = Pins.board(alice.client(), "From");
    String to = Pins.board(alice.client(), "To");
    List<String> mine = pins(alice.client(), from, 2);
    String bobsPin = pins(bob.client(), Pins.board(bob.client(), "Bob's"), 1).getFirst();

    Api.Response answer =
        bulk(
            alice.client(),
            Map.of(
                "action",
                "MOVE",
                "pin_ids",
                List.of(mine.get(0), bobsPin, mine.get(1)),
                "board_id",
                to));

    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo(29);
    assertThat(answer.message()).contains(bobsPin);
    assertThat(pinCount(alice.client(), from)).isEqualTo(2);
    assertThat(pinCount(alice.client(), to)).isZero();
    assertThat(alice.client().get("/v5/pins/" + mine.get(0)).json().path("board_id").asText())
        .isEqualTo(from);
    assertThat(trail(to, "PIN_MOVED")).isZero();
  }

  @Test
  void aDeleteWithAnUnknownPinAnswers404NamingTheFirstOneAndWritesNothing() {
    User alice = Users.signUp();
    Api api = alice.client();
    String board = Pins.board(api, "Board");
    List<String> mine = pins(api, board, 2);
    String unknown = "9000000000000000001";
    String alsoUnknown = "9000000000000000002";

    Api.Response answer =
        bulk(
            api,
            Map.of(
                "action",
                "DELETE",
                "pin_ids",
                List.of(mine.get(0), unknown, alsoUnknown, mine.get(1))));

    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo(50);
    assertThat(answer.message()).contains(unknown).doesNotContain(alsoUnknown);
    assertThat(pinCount(api, board)).isEqualTo(2);
    assertThat(accountCount(api, "pin_count")).isEqualTo(2);
    mine.forEach(pin -> assertThat(api.get("/v5/pins/" + pin).status()).isEqualTo(200));
  }

  @Test
  void copyingSomeoneElsesSecretPinAnswers404NamingItAndWritesNothing() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String bobsPublic = pins(bob.client(), Pins.board(bob.client(), "Open"), 1).getFirst();
    String bobsSecret =
        pins(bob.client(), Pins.board(bob.client(), "Hidden", "SECRET"), 1).getFirst();
    String board = Pins.board(alice.client(), "Copies");

    Api.Response answer =
        bulk(
            alice.client(),
            Map.of(
                "action", "COPY", "pin_ids", List.of(bobsPublic, bobsSecret), "board_id", board));

    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo(50);
    assertThat(answer.message()).contains(bobsSecret);
    assertThat(pinCount(alice.client(), board)).isZero();
    assertThat(accountCount(alice.client(), "pin_count")).isZero();
  }

  @Test
  void aListOfNoPinsOrMoreThan250OrOneNamedTwiceIsRefusedNamingPinIds() {
    User alice = Users.signUp();
    Api api = alice.client();
    String board = Pins.board(api, "Board");
    String pin = pins(api, board, 1).getFirst();
    List<String> tooMany = LongStream.rangeClosed(1, 251).mapToObj(String::valueOf).toList();

    Api.Response none = bulk(api, Map.of("action", "DELETE", "pin_ids", List.of()));
    Api.Response many = bulk(api, Map.of("action", "DELETE", "pin_ids", tooMany));
    Api.Response twice = bulk(api, Map.of("action", "DELETE", "pin_ids", List.of(pin, pin)));

    for (Api.Response answer : List.of(none, many)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.code()).isEqualTo(1);
      assertThat(answer.message()).contains("pin_ids").contains("250");
    }
    assertThat(twice.status()).as(twice.body()).isEqualTo(400);
    assertThat(twice.message()).contains("pin_ids").contains(pin);
    assertThat(pinCount(api, board)).isEqualTo(1);
  }

  @Test
  void aMoveOrCopyNeedsABoardAndADeleteTakesNone() {
    User alice = Users.signUp();
    Api api = alice.client();
    String board = Pins.board(api, "Board");
    String pin = pins(api, board, 1).getFirst();

    Api.Response move = bulk(api, Map.of("action", "MOVE", "pin_ids", List.of(pin)));
    Api.Response delete =
        bulk(api, Map.of("action", "DELETE", "pin_ids", List.of(pin), "board_id", board));
    Api.Response unknownAction = bulk(api, Map.of("action", "SHRED", "pin_ids", List.of(pin)));

    assertThat(move.status()).as(move.body()).isEqualTo(400);
    assertThat(move.message()).contains("board_id");
    assertThat(delete.status()).as(delete.body()).isEqualTo(400);
    assertThat(delete.message()).contains("board_id");
    assertThat(unknownAction.status()).as(unknownAction.body()).isEqualTo(400);
    assertThat(unknownAction.message()).contains("action");
    assertThat(pinCount(api, board)).isEqualTo(1);
  }

  @Test
  void aMoveOntoSomeoneElsesBoardAnswers403AndWritesNothing() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String board = Pins.board(alice.client(), "Mine");
    String pin = pins(alice.client(), board, 1).getFirst();
    String bobsBoard = Pins.board(bob.client(), "Bob's");

    Api.Response answer =
        bulk(
            alice.client(),
            Map.of("action", "MOVE", "pin_ids", List.of(pin), "board_id", bobsBoard));

    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(pinCount(alice.client(), board)).isEqualTo(1);
  }

  @Test
  void concurrentBulkMovesBetweenTwoBoardsKeepEveryCountExact() throws Exception {
    User alice = Users.signUp();
    Api api = alice.client();
    String one = Pins.board(api, "One");
    String two = Pins.board(api, "Two");
    List<String> pins = pins(api, one, 12);
    List<Callable<Integer>> moves = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String to = i % 2 == 0 ? two : one;
      // Overlapping halves in both directions, so that the writers contend for the same rows.
      List<String> some = i % 3 == 0 ? pins : pins.subList(i % 2 * 4, i % 2 * 4 + 8);
      moves.add(
          () ->
              bulk(api.unvalidated(), Map.of("action", "MOVE", "pin_ids", some, "board_id", to))
                  .status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Integer> status : pool.invokeAll(moves)) {
        statuses.add(status.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(statuses).containsOnly(200);
    int onOne = ids(api.get("/v5/boards/" + one + "/pins?page_size=250")).size();
    int onTwo = ids(api.get("/v5/boards/" + two + "/pins?page_size=250")).size();
    assertThat(onOne + onTwo).isEqualTo(12);
    assertThat(pinCount(api, one)).isEqualTo(onOne);
    assertThat(pinCount(api, two)).isEqualTo(onTwo);
    assertThat(accountCount(api, "pin_count")).isEqualTo(12);
  }

  private static Api.Response bulk(Api api, Map<String, Object> body) {
    return api.post("/v5/pins/bulk", body);
  }

  private static List<String> pins(Api api, String board, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(Pins.create(api, board, Color.GRAY).text("id"));
    }
    return ids;
  }

  private static List<String> items(Api.Response answer) {
    List<String> ids = new ArrayList<>();
    answer.json().path("items").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  private static List<String> ids(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    page.json().path("items").forEach(n -> ids.add(n.path("id").asText()));
    return ids;
  }

  private static int pinCount(Api api, String board) {
    return api.get("/v5/boards/" + board).json().path("pin_count").asInt(-1);
  }

  private static int accountCount(Api api, String field) {
    return api.get("/v5/user_account").json().path(field).asInt(-1);
  }

  /** How many rows of the board's trail record the action. */
  private static long trail(String board, String action) {
    Database db = TestDatabase.shared();
    long id = Long.parseLong(board);
    return db.one(
            "SELECT count(*) FROM board_activity WHERE shard = $1 AND board_id = $2 AND action = $3",
            row -> row.getLong(0),
            Ids.shardOf(id),
            id,
            action)
        .orElse(0L);
  }
}
