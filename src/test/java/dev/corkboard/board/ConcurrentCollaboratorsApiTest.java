package dev.corkboard.board;

import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.GroupBoards.accept;
import static dev.corkboard.board.GroupBoards.collaborator;
import static dev.corkboard.board.GroupBoards.collaboratorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Thirty accounts are invited to one board, accept, leave or are removed, all at the same moment:
 * no request fails for the race, and afterwards the board's {@code collaborator_count} equals the
 * members its list finds, which are exactly those whose last step left them on it.
 */
class ConcurrentCollaboratorsApiTest {

  private static final int PEOPLE = 30;

  @Test
  void concurrentInvitationsAcceptancesAndRemovalsKeepTheCountExact() throws Exception {
    Users.User owner = Users.signUp();
    String board = createBoard(owner.client(), "Crowded");
    List<Users.User> people = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      people.add(Users.signUp());
    }
    Set<String> stay = new HashSet<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<List<Integer>>> plans = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      Users.User person = people.get(i);
      int kind = i % 3;
      if (kind == 0) {
        stay.add(person.username());
      }
      plans.add(
          () -> {
            start.await();
            List<Integer> statuses = new ArrayList<>();
            statuses.add(
                owner
                    .client()
                    .post(
                        collaboratorsOf(board),
                        Map.of("username", person.username(), "role", "CONTRIBUTOR"))
                    .status());
            statuses.add(person.client().post(accept(board), Map.of()).status());
            Api who = kind == 1 ? person.client() : owner.client();
            if (kind != 0) {
              // Leaves (kind 1) or is removed by the owner (kind 2).
              statuses.add(who.delete(collaborator(board, person.username())).status());
            }
            return statuses;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (Callable<List<Integer>> plan : plans) {
        results.add(pool.submit(plan));
      }
      start.countDown();
      for (Future<List<Integer>> result : results) {
        assertThat(result.get()).allMatch(s -> s == 201 || s == 200 || s == 204);
      }
    } finally {
      pool.shutdownNow();
    }

    Api.Response members = owner.client().get(collaboratorsOf(board) + "?page_size=100");
    assertThat(GroupBoards.usernames(members)).containsExactlyInAnyOrderElementsOf(stay);
    assertThat(owner.client().get(boardPath(board)).json().path("collaborator_count").asInt())
        .isEqualTo(stay.size());
  }
}
