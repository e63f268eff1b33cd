package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many writers on one account at once: pin creates, saves, moves and deletes onto the same boards
 * lock the same account and board rows. None may be answered with a server error, and afterwards
 * every count equals what a listing finds.
 */
class ConcurrentWritesApiTest {

  private static final int WRITERS = 8;
  private static final int REQUESTS = 600;
  private static final List<Color> COLORS =
      List.of(Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW);

  @Test
  void concurrentCreatesSavesMovesAndDeletesOnOneAccountAnswerNoServerErrorAndKeepCountsExact()
      throws Exception {
    Users.User owner = Users.signUp();
    Api api = owner.client();
    List<String> boards = List.of(Pins.board(api, "First"), Pins.board(api, "Second"));
    List<String> seeds = new ArrayList<>();
    for (Color color : COLORS) {
      seeds.add(Pins.create(api, boards.get(0), Images.png(16, 16, color)).text("id"));
    }
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random random = new Random(w);
        writers.add(
            pool.submit(
                () -> {
                  Deque<String> mine = new ArrayDeque<>();
                  for (int i = 0; i < REQUESTS / WRITERS; i++) {
                    String board = boards.get(random.nextInt(boards.size()));
                    int kind = random.nextInt(6);
                    Api.Response answer;
                    String what;
                    if (kind <= 1 || mine.isEmpty() && kind >= 4) {
                      what = "create";
                      answer =
                          api.post(
                              "/v5/pins",
                              Map.of(
                                  "board_id",
                                  board,
                                  "media_source",
                                  Pins.base64Source(
                                      Images.png(
                                          16, 16, COLORS.get(random.nextInt(COLORS.size()))))));
                    } else if (kind <= 3) {
                      what = "save";
                      answer =
                          api.post(
                              "/v5/pins/" + seeds.get(random.nextInt(seeds.size())) + "/save",
                              Map.of("board_id", board));
                    } else if (kind == 4) {
                      what = "move";
                      answer = api.patch("/v5/pins/" + mine.peekLast(), Map.of("board_id", board));
                    } else {
                      what = "delete";
                      answer = api.delete("/v5/pins/" + mine.pollFirst());
                    }
                    if (answer.status() >= 500) {
                      failures.add(what + " answered " + answer.status() + ": " + answer.body());
                    } else if (answer.status() == 201) {
                      mine.add(answer.text("id"));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failures).as("answers with a server error").isEmpty();
    int listed = 0;
    for (String board : boards) {
      int onBoard = listedPins(api, board);
      Api.Response read = api.get("/v5/boards/" + board);
      assertThat(read.json().path("pin_count").asInt(-1))
          .as("pin_count of a board")
          .isEqualTo(onBoard);
      listed += onBoard;
    }
    Api.Response account = api.get("/v5/user_account");
    assertThat(account.json().path("pin_count").asInt(-1))
        .as("pin_count of the account")
        .isEqualTo(listed);
    assertThat(account.json().path("board_count").asInt(-1)).isEqualTo(boards.size());
  }

  /** The number of pins a full listing of the board finds, page by page. */
  private static int listedPins(Api api, String boardId) {
    int count = 0;
    String bookmark = "";
    do {
      Api.Response page =
          api.get(
              "/v5/boards/"
                  + boardId
                  + "/pins?page_size=250"
                  + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      count += Pins.ids(page).size();
      bookmark = page.json().path("bookmark").asText("");
    } while (!bookmark.isEmpty() && !bookmark.equals("null"));
    return count;
  }
}
