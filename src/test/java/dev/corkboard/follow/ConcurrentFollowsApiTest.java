package dev.corkboard.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Fifty accounts follow and unfollow one account and one of its boards at the same moment, some
 * sending the same follow several times at once: none is answered with an error, and afterwards
 * every count equals what the lists find and what the follows that were made add up to.
 */
class ConcurrentFollowsApiTest {

  private static final int FOLLOWERS = 50;

  /** What one follower does, in order, by its number. */
  private record Plan(
      boolean followUser, boolean followBoard, boolean unfollowBoard, boolean churn) {

    static Plan of(int i) {
      return new Plan(i % 2 == 0, i % 3 == 0, i % 5 == 0, i % 4 == 1);
    }

    /**
     * Whether the follower follows the board at the end, by the rules the README states: through
     * the owner unless it unfollowed the board, or explicitly. An unfollow while not following the
     * owner removes an explicit follow; unfollowing the owner forgets unfollows of its boards.
     */
    boolean followsBoardAtEnd() {
      boolean followsOwner = followUser;
      boolean explicit = followBoard;
      boolean unfollowed = false;
      if (unfollowBoard) {
        unfollowed = followsOwner;
        explicit = false;
      }
      if (churn) {
        // Follows the owner and unfollows it again: only explicit follows survive.
        followsOwner = false;
        unfollowed = false;
      }
      return explicit || (followsOwner && !unfollowed);
    }
  }

  @Test
  void fiftyConcurrentFollowsAndUnfollowsOfOneAccountAndBoardKeepEveryCountExact()
      throws Exception {
    User target = Users.signUp();
    String board = Pins.board(target.client(), "Popular");
    List<User> followers = signUp(FOLLOWERS);
    String user = "/v5/user_account/following/" + target.username();
    String follow = "/v5/boards/" + board + "/follow";
    List<Callable<List<String>>> clients = new ArrayList<>();
    for (int i = 0; i < FOLLOWERS; i++) {
      Plan plan = Plan.of(i);
      Api api = followers.get(i).client().unvalidated();
      clients.add(
          () -> {
            List<String> failures = new ArrayList<>();
            if (plan.followUser()) {
              expect(failures, api.post(user, Map.of()), 200);
            }
            if (plan.followBoard()) {
              expect(failures, api.put(follow), 200);
            }
            if (plan.unfollowBoard()) {
              expect(failures, api.delete(follow), 204);
            }
            if (plan.churn()) {
              expect(failures, api.post(user, Map.of()), 200);
              expect(failures, api.delete(user), 204);
            }
            return failures;
          });
      // Clients that send a request several times at once (retries): each follow counts once.
      if (plan.followUser() && !plan.churn()) {
        clients.add(() -> expect(new ArrayList<>(), api.post(user, Map.of()), 200));
      }
      for (int copy = 0; plan.followBoard() && !plan.unfollowBoard() && copy < 2; copy++) {
        clients.add(() -> expect(new ArrayList<>(), api.put(follow), 200));
      }
    }
    List<String> failures = atOnce(clients);
    assertThat(failures).isEmpty();

    List<String> expectedAccountFollowers = new ArrayList<>();
    List<String> expectedBoardFollowers = new ArrayList<>();
    for (int i = 0; i < FOLLOWERS; i++) {
      Plan plan = Plan.of(i);
      if (plan.followUser()) {
        expectedAccountFollowers.add(followers.get(i).username());
      }
      if (plan.followsBoardAtEnd()) {
        expectedBoardFollowers.add(followers.get(i).username());
      }
    }
    Api api = target.client();
    assertThat(Follows.usernames(api, "/v5/user_account/followers"))
        .containsExactlyInAnyOrderElementsOf(expectedAccountFollowers);
    assertThat(api.get("/v5/user_account").json().path("follower_count").asInt())
        .isEqualTo(expectedAccountFollowers.size());
    assertThat(Follows.usernames(api, "/v5/boards/" + board + "/followers"))
        .containsExactlyInAnyOrderElementsOf(expectedBoardFollowers);
    assertThat(Follows.boardFollowers(api, board)).isEqualTo(expectedBoardFollowers.size());
    for (int i = 0; i < FOLLOWERS; i++) {
      Api follower = followers.get(i).client();
      assertThat(follower.get("/v5/user_account").json().path("following_count").asInt())
          .as("following_count of follower " + i)
          .isEqualTo(Plan.of(i).followUser() ? 1 : 0);
      assertThat(Follows.boardIds(follower, "/v5/user_account/following/boards"))
          .as("boards follower " + i + " follows")
          .isEqualTo(Plan.of(i).followsBoardAtEnd() ? List.of(board) : List.of());
    }
  }

  @Test
  void theSameFollowSentManyTimesAtOnceCountsOnce() throws Exception {
    User owner = Users.signUp();
    String board = Pins.board(owner.client(), "Retried");
    User follower = Users.signUp();
    Api api = follower.client().unvalidated();
    List<Callable<List<String>>> retries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      retries.add(() -> expect(new ArrayList<>(), api.put("/v5/boards/" + board + "/follow"), 200));
    }
    List<String> failures = atOnce(retries);
    assertThat(failures).isEmpty();
    assertThat(Follows.boardFollowers(owner.client(), board)).isEqualTo(1);
  }

  /** Adds the answer to the failures unless it has the status {@code ok}; answers the failures. */
  private static List<String> expect(List<String> failures, Api.Response answer, int ok) {
    if (answer.status() != ok) {
      failures.add(answer.status() + " " + answer.body());
    }
    return failures;
  }

  /** Runs every client on a thread of its own, all released at one moment; answers the failures. */
  private static List<String> atOnce(List<Callable<List<String>>> clients) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Future<List<String>>> running = new ArrayList<>();
      for (Callable<List<String>> client : clients) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.call();
                }));
      }
      start.countDown();
      List<String> failures = new ArrayList<>();
      for (Future<List<String>> answer : running) {
        failures.addAll(answer.get());
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<User> signUp(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<User>> made = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        made.add(pool.submit(() -> Users.signUp()));
      }
      List<User> users = new ArrayList<>();
      for (Future<User> user : made) {
        users.add(user.get());
      }
      return users;
    } finally {
      pool.shutdownNow();
    }
  }
}
