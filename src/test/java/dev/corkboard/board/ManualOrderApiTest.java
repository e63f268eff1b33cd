package dev.corkboard.board;

import static dev.corkboard.board.Boards.bookmark;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createSection;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.Boards.sectionPinsOf;
import static dev.corkboard.board.Boards.sectionsOf;
import static dev.corkboard.board.Boards.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Manual order of pins, sections and boards through the extensions and {@code sort=custom}. */
class ManualOrderApiTest {

  @Test
  void customOrderEqualsNewestFirstUntilSomeoneReorders() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = pins(alice.client(), board, 4);

    assertThat(customPins(alice.client(), board)).isEqualTo(ids(alice.client().get(pinsOf(board))));
    assertThat(customPins(alice.client(), board)).containsExactlyElementsOf(reversed(pins));
  }

  @Test
  void movesPinAfterAnotherAndFirst() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = pins(alice.client(), board, 4);
    String a = pins.get(3);
    String b = pins.get(2);
    String c = pins.get(1);
    String d = pins.get(0);

    Api.Response moved = movePin(alice.client(), board, a, c);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("pin_id")).isEqualTo(a);
    assertThat(moved.text("after")).isEqualTo(c);
    assertThat(customPins(alice.client(), board)).containsExactly(b, c, a, d);

    assertThat(movePin(alice.client(), board, d, null).status()).isEqualTo(200);
    assertThat(customPins(alice.client(), board)).containsExactly(d, b, c, a);

    // Moving to the end, and the newest-first list is unchanged by it all.
    assertThat(movePin(alice.client(), board, b, a).status()).isEqualTo(200);
    assertThat(customPins(alice.client(), board)).containsExactly(d, c, a, b);
    assertThat(ids(alice.client().get(withQuery(pinsOf(board), "sort", "newest"))))
        .containsExactly(a, b, c, d);
  }

  @Test
  void newPinGoesFirstInCustomOrder() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = pins(alice.client(), board, 3);
    movePin(alice.client(), board, pins.get(0), null);
    String newest = Pins.save(alice.client(), pins.get(1), board);

    assertThat(customPins(alice.client(), board).getFirst()).isEqualTo(newest);
  }

  @Test
  void movesPinWithinSection() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    String section = createSection(alice.client(), board, "Breakfast");
    String x = Pins.createInSection(alice.client(), board, section);
    String y = Pins.createInSection(alice.client(), board, section);
    String z = Pins.createInSection(alice.client(), board, section);
    String outside = pins(alice.client(), board, 1).getFirst();

    Map<String, Object> body = new HashMap<>();
    body.put("pin_id", z);
    body.put("section_id", section);
    body.put("after", x);
    Api.Response moved = alice.client().post(pinsOf(board) + "/order", body);

    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("section_id")).isEqualTo(section);
    assertThat(ids(alice.client().get(withQuery(sectionPinsOf(board, section), "sort", "custom"))))
        .containsExactly(y, x, z);
    // The board's own order is another list.
    assertThat(customPins(alice.client(), board)).containsExactly(outside, z, y, x);

    body.put("after", outside);
    Api.Response notInSection = alice.client().post(pinsOf(board) + "/order", body);
    assertThat(notInSection.status()).as(notInSection.body()).isEqualTo(404);
    assertThat(notInSection.message()).startsWith("after:");
  }

  @Test
  void pinMovedToAnotherBoardTakesAPlaceThere() {
    Users.User alice = Users.signUp();
    String kitchen = createBoard(alice.client(), "Kitchen");
    String garden = createBoard(alice.client(), "Garden");
    List<String> there = pins(alice.client(), garden, 2);
    String traveller = pins(alice.client(), kitchen, 1).getFirst();
    movePin(alice.client(), garden, there.get(1), there.get(0));

    Api.Response patched =
        alice.client().patch("/v5/pins/" + traveller, Map.of("board_id", garden));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    assertThat(customPins(alice.client(), garden))
        .containsExactly(traveller, there.get(0), there.get(1));
    assertThat(customPins(alice.client(), kitchen)).isEmpty();
  }

  @Test
  void movesSections() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    String breakfast = createSection(alice.client(), board, "Breakfast");
    String lunch = createSection(alice.client(), board, "Lunch");
    String dinner = createSection(alice.client(), board, "Dinner");

    Api.Response moved =
        alice.client().post(sectionsOf(board) + "/order", order("section_id", dinner, null));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("after").isNull()).isTrue();
    assertThat(ids(alice.client().get(withQuery(sectionsOf(board), "sort", "custom"))))
        .containsExactly(dinner, breakfast, lunch);

    alice.client().post(sectionsOf(board) + "/order", order("section_id", breakfast, lunch));
    assertThat(ids(alice.client().get(withQuery(sectionsOf(board), "sort", "custom"))))
        .containsExactly(dinner, lunch, breakfast);
    // The default stays the order they were made in.
    assertThat(ids(alice.client().get(sectionsOf(board))))
        .containsExactly(breakfast, lunch, dinner);
  }

  @Test
  void movesTheCallersBoards() {
    Users.User alice = Users.signUp();
    String a = createBoard(alice.client(), "A");
    String b = createBoard(alice.client(), "B");
    String c = createBoard(alice.client(), "C");

    assertThat(ids(alice.client().get("/v5/boards?sort=custom"))).containsExactly(c, b, a);
    Api.Response moved =
        alice.client().post("/v5/user_account/boards/order", order("board_id", a, c));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.text("board_id")).isEqualTo(a);
    assertThat(ids(alice.client().get("/v5/boards?sort=custom"))).containsExactly(c, a, b);
    assertThat(ids(alice.client().get("/v5/boards?sort=newest"))).containsExactly(c, b, a);
    assertThat(ids(alice.client().get("/v5/boards"))).containsExactly(c, b, a);
  }

  @Test
  void pagesBoardsAndSectionsInCustomOrder() {
    Users.User alice = Users.signUp();
    List<String> boards = Boards.createBoards(alice.client(), "Board ", 5);
    alice
        .client()
        .post("/v5/user_account/boards/order", order("board_id", boards.get(4), boards.get(0)));
    List<String> walked = new ArrayList<>();
    for (Api.Response page :
        Boards.allPages(alice.client(), "/v5/boards?sort=custom&page_size=2", 10)) {
      walked.addAll(ids(page));
    }
    assertThat(walked)
        .containsExactly(boards.get(3), boards.get(2), boards.get(1), boards.get(0), boards.get(4));

    String board = boards.getFirst();
    List<String> sections = Boards.createSections(alice.client(), board, "S", 5);
    alice
        .client()
        .post(sectionsOf(board) + "/order", order("section_id", sections.get(0), sections.get(4)));
    List<String> walkedSections = new ArrayList<>();
    for (Api.Response page :
        Boards.allPages(alice.client(), sectionsOf(board) + "?sort=custom&page_size=2", 10)) {
      walkedSections.addAll(ids(page));
    }
    assertThat(walkedSections)
        .containsExactly(
            sections.get(1), sections.get(2), sections.get(3), sections.get(4), sections.get(0));
  }

  @Test
  void refusesBadInputNamingTheField() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    String other = createBoard(alice.client(), "Garden");
    List<String> pins = pins(alice.client(), board, 2);
    String elsewhere = pins(alice.client(), other, 1).getFirst();

    Api.Response itself = movePin(alice.client(), board, pins.get(0), pins.get(0));
    assertThat(itself.status()).isEqualTo(400);
    assertThat(itself.message()).contains("after").contains("pin_id");

    Api.Response missing =
        alice.client().post(pinsOf(board) + "/order", Map.of("after", pins.get(0)));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.message()).contains("pin_id");

    Api.Response malformed = movePin(alice.client(), board, "12x", null);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.message()).contains("pin_id");

    Api.Response notOnBoard = movePin(alice.client(), board, elsewhere, null);
    assertThat(notOnBoard.status()).isEqualTo(404);
    assertThat(notOnBoard.code()).isEqualTo(50);
    assertThat(notOnBoard.message()).startsWith("pin_id:");

    Api.Response afterElsewhere = movePin(alice.client(), board, pins.get(0), elsewhere);
    assertThat(afterElsewhere.status()).isEqualTo(404);
    assertThat(afterElsewhere.message()).startsWith("after:");

    Api.Response unknownBoard =
        movePin(alice.client(), Boards.deletedBoardId(alice.client()), pins.get(0), null);
    assertThat(unknownBoard.status()).isEqualTo(404);
    assertThat(unknownBoard.code()).isEqualTo(40);

    Api.Response badSort =
        alice.client().unvalidated().get(withQuery(pinsOf(board), "sort", "oldest"));
    assertThat(badSort.status()).isEqualTo(400);
    assertThat(badSort.message()).contains("sort").contains("newest").contains("custom");

    Api.Response badSectionSort =
        alice.client().unvalidated().get(withQuery(sectionsOf(board), "sort", "newest"));
    assertThat(badSectionSort.status()).isEqualTo(400);
    assertThat(badSectionSort.message()).contains("sort").contains("custom");

    Api.Response sectionItself =
        alice.client().post(sectionsOf(board) + "/order", order("section_id", "5", "5"));
    assertThat(sectionItself.status()).isEqualTo(400);
    assertThat(sectionItself.message()).contains("section_id");

    Api.Response unknownSection =
        alice.client().post(sectionsOf(board) + "/order", order("section_id", "5", null));
    assertThat(unknownSection.status()).isEqualTo(404);
    assertThat(unknownSection.message()).startsWith("section_id:");

    Api.Response boardItself =
        alice.client().post("/v5/user_account/boards/order", order("board_id", board, board));
    assertThat(boardItself.status()).isEqualTo(400);
    assertThat(boardItself.message()).contains("board_id");
  }

  @Test
  void anotherUserCannotReorder() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    String secret = createBoard(alice.client(), "Hidden", "SECRET");
    List<String> pins = pins(alice.client(), board, 2);
    String section = createSection(alice.client(), board, "Breakfast");

    Api.Response pinMove = movePin(bob.client(), board, pins.get(0), null);
    assertThat(pinMove.status()).as(pinMove.body()).isEqualTo(403);
    Api.Response sectionMove =
        bob.client().post(sectionsOf(board) + "/order", order("section_id", section, null));
    assertThat(sectionMove.status()).isEqualTo(403);
    Api.Response unseen = movePin(bob.client(), secret, pins.get(0), null);
    assertThat(unseen.status()).isEqualTo(404);
    Api.Response boardMove =
        bob.client().post("/v5/user_account/boards/order", order("board_id", board, null));
    assertThat(boardMove.status()).isEqualTo(404);
    assertThat(boardMove.message()).startsWith("board_id:");
    Api.Response noScope =
        alice
            .withScopes("boards:read")
            .post(pinsOf(board) + "/order", order("pin_id", pins.get(0), null));
    assertThat(noScope.status()).isIn(401, 403);
    assertThat(noScope.code()).isEqualTo(3);
    assertThat(customPins(alice.client(), board)).containsExactly(pins.get(1), pins.get(0));
  }

  @Test
  void manyMovesIntoOneGapRespaceLocallyAndKeepOrder() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> order = new ArrayList<>(reversed(pins(alice.client(), board, 12)));
    // Always between the first two: each move halves the same gap until none is left.
    for (int i = 0; i < 30; i++) {
      String moved = order.getLast();
      assertThat(movePin(alice.client(), board, moved, order.getFirst()).status()).isEqualTo(200);
      order.remove(moved);
      order.add(1, moved);
    }
    assertThat(customPins(alice.client(), board)).containsExactlyElementsOf(order);
  }

  @Test
  void concurrentReordersLoseAndDuplicateNoPin() throws Exception {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = pins(alice.client(), board, 15);
    Random random = new Random(7);
    List<Future<Integer>> moves = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        String moved = pins.get(random.nextInt(pins.size()));
        String after = random.nextInt(4) == 0 ? null : pins.get(random.nextInt(pins.size()));
        String target = moved.equals(after) ? null : after;
        moves.add(pool.submit(() -> movePin(alice.client(), board, moved, target).status()));
      }
      for (Future<Integer> move : moves) {
        assertThat(move.get()).isEqualTo(200);
      }
    }
    List<String> walked = new ArrayList<>();
    for (Api.Response page :
        Boards.allPages(alice.client(), pinsOf(board) + "?sort=custom&page_size=4", 10)) {
      walked.addAll(ids(page));
    }
    assertThat(walked).hasSize(pins.size()).containsExactlyInAnyOrderElementsOf(pins);
  }

  @Test
  void concurrentMovesIntoOneGapRespaceAndLoseNoPin() throws Exception {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = reversed(pins(alice.client(), board, 24));
    String first = pins.getFirst();
    String second = pins.get(1);
    // Twenty movers at once, each moving pins of its own into the gap after the first pin: the
    // gap runs out while others are moving into it, and the moves that find no room re-space.
    List<Future<Integer>> moves = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        String moved = pins.get(2 + i);
        moves.add(
            pool.submit(
                () -> {
                  int last = 0;
                  for (int round = 0; round < 3; round++) {
                    last = movePin(alice.client(), board, moved, first).status();
                  }
                  return last;
                }));
      }
      for (Future<Integer> move : moves) {
        assertThat(move.get()).isEqualTo(200);
      }
    }
    List<String> walked = customPins(alice.client(), board);
    assertThat(walked).hasSize(pins.size()).containsExactlyInAnyOrderElementsOf(pins);
    // Every moved pin went between the first pin and the one that was second.
    assertThat(walked.getFirst()).isEqualTo(first);
    assertThat(walked.subList(1, 21)).containsExactlyInAnyOrderElementsOf(pins.subList(2, 22));
    assertThat(walked.get(21)).isEqualTo(second);
  }

  @Test
  void walkingWhileOthersReorderNeverRepeatsAPin() throws Exception {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> pins = pins(alice.client(), board, 30);
    AtomicBoolean walking = new AtomicBoolean(true);
    // Three movers at once: moves of one board run side by side.
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      List<Future<?>> movers = new ArrayList<>();
      for (int m = 0; m < 3; m++) {
        Random random = new Random(11 + m);
        movers.add(
            pool.submit(
                () -> {
                  while (walking.get()) {
                    // Pins shown early go late: a walk that followed keys alone would repeat them.
                    String moved = pins.get(random.nextInt(pins.size()));
                    String after = pins.get(random.nextInt(pins.size()));
                    movePin(alice.client(), board, moved, moved.equals(after) ? null : after);
                  }
                }));
      }
      try {
        for (int walk = 0; walk < 5; walk++) {
          Set<String> seen = new HashSet<>();
          String path = pinsOf(board) + "?sort=custom&page_size=3";
          Api.Response page = alice.client().get(path);
          while (true) {
            for (String id : ids(page)) {
              assertThat(seen.add(id)).as("pin %s shown twice in walk %d", id, walk).isTrue();
            }
            String next = bookmark(page);
            if (next == null) {
              break;
            }
            page = alice.client().get(withQuery(path, "bookmark", next));
          }
        }
      } finally {
        // Stops the mover also when the walk fails, so that the pool can close.
        walking.set(false);
      }
      for (Future<?> mover : movers) {
        mover.get();
      }
    }
  }

  private static List<String> pins(Api api, String board, int count) {
    String first = Pins.create(api, board, Color.ORANGE).text("id");
    List<String> ids = new ArrayList<>(List.of(first));
    for (int i = 1; i < count; i++) {
      ids.add(Pins.save(api, first, board));
    }
    return ids;
  }

  private static List<String> customPins(Api api, String board) {
    return ids(api.get(withQuery(pinsOf(board), "sort", "custom") + "&page_size=100"));
  }

  private static Api.Response movePin(Api api, String board, String pin, String after) {
    return api.post(pinsOf(board) + "/order", order("pin_id", pin, after));
  }

  private static Map<String, Object> order(String field, String id, String after) {
    Map<String, Object> body = new HashMap<>();
    body.put(field, id);
    body.put("after", after);
    return body;
  }

  private static List<String> reversed(List<String> ids) {
    return new ArrayList<>(ids).reversed();
  }
}
