package dev.corkboard.board;

import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.GroupBoards.actions;
import static dev.corkboard.board.GroupBoards.activityOf;
import static dev.corkboard.board.GroupBoards.addMember;
import static dev.corkboard.board.GroupBoards.archiveOf;
import static dev.corkboard.board.GroupBoards.collaboratorsOf;
import static dev.corkboard.board.GroupBoards.invite;
import static dev.corkboard.board.GroupBoards.usernames;
import static dev.corkboard.feed.Feeds.awaitFeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.follow.Follows;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import dev.corkboard.support.Waits;
import java.awt.Color;
import java.time.Duration;
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
 * Handing a board to one of its editors, through the public API: who may, what the board, its pins
 * and its trail say afterwards, whose lists, counts, followers and feeds it moves to, and what
 * stays where the board was made. Accounts get their shards at random, so a board handed over
 * almost always lives on another shard than its new owner.
 */
class BoardTransferApiTest {

  private final Users.User owner = Users.signUp();
  private final Users.User editor = Users.signUp();

  private static String ownerOf(String boardId) {
    return "/v5/boards/" + boardId + "/owner";
  }

  private Api.Response handOver(Users.User from, String boardId, Users.User to) {
    return from.client().post(ownerOf(boardId), Map.of("username", to.username()));
  }

  private static int count(Users.User user, String field) {
    Api.Response account = user.client().get("/v5/user_account");
    assertThat(account.status()).as(account.body()).isEqualTo(200);
    return account.json().path(field).asInt();
  }

  private static String pinOn(Users.User user, String boardId) {
    Api.Response pin = Pins.create(user.client(), boardId, Color.ORANGE);
    assertThat(pin.status()).as(pin.body()).isEqualTo(201);
    return pin.text("id");
  }

  @Test
  void theEditorBecomesTheOwnerAndTheOwnerAnEditor() {
    String board = createBoard(owner.client(), "Cabin", "SECRET");
    addMember(owner, board, editor, "EDITOR");
    String ownersPin = pinOn(owner, board);
    String editorsPin = pinOn(editor, board);
    int ownerPins = count(owner, "pin_count");
    int ownerBoards = count(owner, "board_count");

    Api.Response handed = handOver(owner, board, editor);

    assertThat(handed.status()).as(handed.body()).isEqualTo(200);
    assertThat(handed.json().path("owner").path("username").asText()).isEqualTo(editor.username());
    assertThat(handed.text("role")).isEqualTo("EDITOR");
    Api.Response asNewOwner = editor.client().get(boardPath(board));
    assertThat(asNewOwner.text("role")).isEqualTo("OWNER");
    assertThat(asNewOwner.json().path("collaborator_count").asInt()).isEqualTo(1);
    assertThat(asNewOwner.json().path("pin_count").asInt()).isEqualTo(2);
    assertThat(usernames(editor.client().get(collaboratorsOf(board))))
        .containsExactly(owner.username());
    assertThat(actions(editor.client().get(activityOf(board))).getFirst())
        .isEqualTo("OWNER_CHANGED");
    // Each pin keeps its author: the old owner's names them as its pinner now.
    Api.Response oldOwners = editor.client().get("/v5/pins/" + ownersPin);
    assertThat(oldOwners.json().path("board_owner").path("username").asText())
        .isEqualTo(editor.username());
    assertThat(oldOwners.json().path("pinner").path("username").asText())
        .isEqualTo(owner.username());
    assertThat(editor.client().get("/v5/pins/" + editorsPin).json().has("pinner")).isFalse();
    // The board and its pins left one owner's counts for the other's.
    assertThat(count(owner, "board_count")).isEqualTo(ownerBoards - 1);
    assertThat(count(owner, "pin_count")).isEqualTo(ownerPins - 2);
    assertThat(count(editor, "board_count")).isEqualTo(1);
    assertThat(count(editor, "pin_count")).isEqualTo(2);
    // The old owner is an editor now: it adds pins, and may no longer delete the board.
    assertThat(Pins.create(owner.client(), board, Color.BLUE).status()).isEqualTo(201);
    assertThat(owner.client().delete(boardPath(board)).status()).isEqualTo(403);
  }

  @Test
  void theBoardMovesToTheNewOwnersListsProfileAndSearch() {
    String board = createBoard(owner.client(), "Lakeside cottage");
    addMember(owner, board, editor, "EDITOR");
    String pin = pinOn(owner, board);
    assertThat(
            owner.client().patch("/v5/pins/" + pin, Map.of("title", "Zanzibar lanterns")).status())
        .isEqualTo(200);
    String editorsOwn = createBoard(editor.client(), "Own");

    assertThat(handOver(owner, board, editor).status()).isEqualTo(200);

    // Newest first, and in the default custom order, among the boards it made itself.
    assertThat(ids(editor.client().get("/v5/boards"))).containsExactly(editorsOwn, board);
    assertThat(ids(editor.client().get("/v5/boards?sort=custom")))
        .containsExactly(editorsOwn, board);
    assertThat(ids(editor.client().get("/v5/users/" + editor.username() + "/boards")))
        .containsExactly(editorsOwn, board);
    assertThat(ids(owner.client().get("/v5/users/" + owner.username() + "/boards")))
        .doesNotContain(board);
    // The old owner is a member: the board stays among its boards, as a group board.
    assertThat(ids(owner.client().get("/v5/boards"))).contains(board);
    assertThat(Pins.ids(editor.client().get("/v5/pins"))).contains(pin);
    assertThat(Pins.ids(owner.client().get("/v5/pins"))).doesNotContain(pin);
    assertThat(awaitOwnSearch(editor, "zanzibar")).containsExactly(pin);
    // The new owner arranges it among its boards like any other.
    Api.Response moved =
        editor
            .client()
            .post("/v5/user_account/boards/order", Map.of("board_id", editorsOwn, "after", board));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(ids(editor.client().get("/v5/boards?sort=custom")))
        .containsExactly(board, editorsOwn);
    Api.Response first =
        editor.client().post("/v5/user_account/boards/order", Map.of("board_id", editorsOwn));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(ids(editor.client().get("/v5/boards?sort=custom")))
        .containsExactly(editorsOwn, board);
  }

  @Test
  void theBoardsFollowersAreTheNewOwnersFromNowOn() {
    String board = createBoard(owner.client(), "Garden");
    addMember(owner, board, editor, "EDITOR");
    Users.User ownersFan = Users.signUp();
    Users.User editorsFan = Users.signUp();
    Users.User boardsFan = Users.signUp();
    Users.User unfollower = Users.signUp();
    Follows.followUser(ownersFan.client(), owner.username());
    Follows.followUser(editorsFan.client(), editor.username());
    Follows.followBoard(boardsFan.client(), board);
    Follows.followUser(unfollower.client(), owner.username());
    Follows.unfollowBoard(unfollower.client(), board);
    String before = pinOn(owner, board);
    awaitFeed(ownersFan.client(), List.of(before));
    assertThat(editor.client().get(boardPath(board)).json().path("follower_count").asInt())
        .isEqualTo(2);

    assertThat(handOver(owner, board, editor).status()).isEqualTo(200);

    // The new owner's follower and the board's own follow it; the old owner's no longer do.
    assertThat(editor.client().get(boardPath(board)).json().path("follower_count").asInt())
        .isEqualTo(2);
    assertThat(followedBoards(editorsFan)).containsExactly(board);
    assertThat(followedBoards(ownersFan)).isEmpty();
    assertThat(followedBoards(boardsFan)).containsExactly(board);
    assertThat(followedBoards(unfollower)).isEmpty();
    awaitFeed(ownersFan.client(), List.of());
    String after = pinOn(editor, board);
    awaitFeed(editorsFan.client(), List.of(after));
    awaitFeed(boardsFan.client(), List.of(after, before));
    // Following the new owner now follows the board; the old unfollow meant nothing without it.
    Follows.followUser(unfollower.client(), editor.username());
    assertThat(followedBoards(unfollower)).containsExactly(board);
    assertThat(editor.client().get(boardPath(board)).json().path("follower_count").asInt())
        .isEqualTo(3);
    Follows.unfollowUser(editorsFan.client(), editor.username());
    assertThat(editor.client().get(boardPath(board)).json().path("follower_count").asInt())
        .isEqualTo(2);
  }

  @Test
  void aBoardHandedToAnAccountWithManyFollowersReachesThemThroughTheReadTimeMerge() {
    String board = createBoard(owner.client(), "Famous soon");
    addMember(owner, board, editor, "EDITOR");
    String before = pinOn(owner, board);
    Users.User reader = Users.signUp();
    Follows.followUser(reader.client(), editor.username());
    for (int i = 1; i < TestServer.FEED_MERGE_ABOVE; i++) {
      Follows.followUser(Users.signUp().client(), editor.username());
    }

    assertThat(handOver(owner, board, editor).status()).isEqualTo(200);

    // The board lives on another shard than its new owner: the merge finds it all the same.
    String after = pinOn(editor, board);
    awaitFeed(reader.client(), List.of(after, before));
  }

  @Test
  void onlyTheOwnerHandsTheBoardAndOnlyToAnEditorWhoJoined() {
    String board = createBoard(owner.client(), "Kitchen");
    addMember(owner, board, editor, "EDITOR");
    Users.User viewer = Users.signUp();
    Users.User invited = Users.signUp();
    Users.User stranger = Users.signUp();
    addMember(owner, board, viewer, "VIEWER");
    invite(owner, board, invited, "EDITOR");

    assertThat(handOver(editor, board, editor).status()).isEqualTo(403);
    assertThat(handOver(owner, board, viewer).code()).isEqualTo(1);
    assertThat(handOver(owner, board, viewer).message()).contains("username", "VIEWER");
    assertThat(handOver(owner, board, invited).message()).contains("has not joined");
    assertThat(handOver(owner, board, owner).code()).isEqualTo(1);
    assertThat(handOver(owner, board, stranger).status()).isEqualTo(404);
    assertThat(handOver(stranger, board, editor).status()).isEqualTo(403);
    assertThat(
            owner
                .client()
                .post(ownerOf(board), Map.of("username", "nobody-" + owner.id()))
                .status())
        .isEqualTo(404);
    Api.Response missing = owner.client().post(ownerOf(board), Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.message()).contains("username");
    assertThat(Api.anonymous().post(ownerOf(board), Map.of("username", "x")).status())
        .isEqualTo(401);
    // The editor has a board of that name, ignoring case: nothing is handed over.
    createBoard(editor.client(), "KITCHEN");
    Api.Response clash = handOver(owner, board, editor);
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.message()).contains(editor.username(), "Kitchen");
    assertThat(owner.client().get(boardPath(board)).text("role")).isEqualTo("OWNER");
    // An archived board is read-only, its owner included.
    String archived = createBoard(owner.client(), "Attic");
    addMember(owner, archived, editor, "EDITOR");
    assertThat(owner.client().post(archiveOf(archived), Map.of()).status()).isEqualTo(200);
    assertThat(handOver(owner, archived, editor).status()).isEqualTo(403);
  }

  @Test
  void pinsStayOnTheBoardTheyWereMadeOn() {
    String board = createBoard(owner.client(), "Porch");
    addMember(owner, board, editor, "EDITOR");
    String pin = pinOn(owner, board);
    String editorsOwn = createBoard(editor.client(), "Deck");
    assertThat(handOver(owner, board, editor).status()).isEqualTo(200);

    // Moves and merges between the handed board and the new owner's own are refused, by name.
    Api.Response move = editor.client().patch("/v5/pins/" + pin, Map.of("board_id", editorsOwn));
    assertThat(move.status()).isEqualTo(400);
    assertThat(move.message()).startsWith("board_id:");
    Api.Response merge =
        editor.client().post(boardPath(board) + "/merge", Map.of("into_board_id", editorsOwn));
    assertThat(merge.status()).isEqualTo(400);
    assertThat(merge.message()).contains("into_board_id");
    // Names stay unique among all of the new owner's boards.
    Api.Response sameName = editor.client().post("/v5/boards", Map.of("name", "porch"));
    assertThat(sameName.status()).isEqualTo(409);
    Api.Response rename = editor.client().patch(boardPath(editorsOwn), Map.of("name", "PORCH"));
    assertThat(rename.status()).isEqualTo(409);
    assertThat(editor.client().patch(boardPath(board), Map.of("name", "Deck")).status())
        .isEqualTo(409);
    // Everything else works on it as on any board of the owner's.
    String saved = Pins.save(editor.client(), pin, board);
    assertThat(ids(editor.client().get(pinsOf(board)))).containsExactly(saved, pin);
    assertThat(editor.client().get(boardPath(board)).json().path("pin_count").asInt()).isEqualTo(2);
    assertThat(count(editor, "pin_count")).isEqualTo(2);
    assertThat(editor.client().delete("/v5/pins/" + saved).status()).isEqualTo(204);
    assertThat(count(editor, "pin_count")).isEqualTo(1);
    assertThat(editor.client().delete(boardPath(board)).status()).isEqualTo(204);
    assertThat(count(editor, "board_count")).isEqualTo(1);
    assertThat(count(editor, "pin_count")).isZero();
    assertThat(ids(editor.client().get("/v5/boards"))).containsExactly(editorsOwn);
  }

  @Test
  void aBoardHandedBackIsItsFirstOwnersAgain() {
    String board = createBoard(owner.client(), "Studio");
    addMember(owner, board, editor, "EDITOR");
    pinOn(owner, board);
    assertThat(handOver(owner, board, editor).status()).isEqualTo(200);

    Api.Response back = handOver(editor, board, owner);

    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(owner.client().get(boardPath(board)).text("role")).isEqualTo("OWNER");
    assertThat(usernames(owner.client().get(collaboratorsOf(board))))
        .containsExactly(editor.username());
    assertThat(ids(editor.client().get("/v5/users/" + editor.username() + "/boards"))).isEmpty();
    assertThat(ids(owner.client().get("/v5/users/" + owner.username() + "/boards")))
        .containsExactly(board);
    assertThat(count(editor, "board_count")).isZero();
    assertThat(count(editor, "pin_count")).isZero();
    assertThat(count(owner, "pin_count")).isEqualTo(1);
    assertThat(actions(owner.client().get(activityOf(board))))
        .startsWith("OWNER_CHANGED", "OWNER_CHANGED");
  }

  @Test
  void handOversRacingPinsAndFollowsKeepEveryCountExact() throws Exception {
    String board = createBoard(owner.client(), "Busy");
    addMember(owner, board, editor, "EDITOR");
    List<Users.User> fans = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      fans.add(Users.signUp());
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<List<Integer>>> plans = new ArrayList<>();
    for (Users.User author : List.of(owner, editor)) {
      plans.add(
          () -> {
            start.await();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
              statuses.add(Pins.create(author.client(), board, Color.GREEN).status());
            }
            return statuses;
          });
    }
    for (int i = 0; i < fans.size(); i++) {
      Users.User fan = fans.get(i);
      String followee = (i % 2 == 0 ? owner : editor).username();
      plans.add(
          () -> {
            start.await();
            Follows.followUser(fan.client(), followee);
            return List.of(200);
          });
    }
    // Four hand-overs back and forth, racing the pins and the follows.
    plans.add(
        () -> {
          start.await();
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            Users.User from = i % 2 == 0 ? owner : editor;
            Users.User to = i % 2 == 0 ? editor : owner;
            statuses.add(handOver(from, board, to).status());
          }
          return statuses;
        });
    ExecutorService pool = Executors.newFixedThreadPool(plans.size());
    try {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (Callable<List<Integer>> plan : plans) {
        results.add(pool.submit(plan));
      }
      start.countDown();
      for (Future<List<Integer>> result : results) {
        assertThat(result.get()).allMatch(s -> s == 200 || s == 201);
      }
    } finally {
      pool.shutdownNow();
    }

    // Four hand-overs: the first owner owns it again, with every pin and its followers.
    Api.Response seen = owner.client().get(boardPath(board));
    assertThat(seen.text("role")).isEqualTo("OWNER");
    assertThat(seen.json().path("pin_count").asInt()).isEqualTo(16);
    assertThat(seen.json().path("follower_count").asInt()).isEqualTo(3);
    assertThat(seen.json().path("collaborator_count").asInt()).isEqualTo(1);
    assertThat(count(owner, "pin_count")).isEqualTo(16);
    assertThat(count(owner, "board_count")).isEqualTo(1);
    assertThat(count(editor, "pin_count")).isZero();
    assertThat(count(editor, "board_count")).isZero();
    assertThat(usernames(owner.client().get(collaboratorsOf(board))))
        .containsExactly(editor.username());
  }

  private static List<String> followedBoards(Users.User user) {
    return ids(user.client().get("/v5/user_account/following/boards"));
  }

  private static List<String> awaitOwnSearch(Users.User user, String query) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> found = Pins.ids(user.client().get("/v5/search/pins?query=" + query));
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Waits.sleep(50);
      found = Pins.ids(user.client().get("/v5/search/pins?query=" + query));
    }
    return found;
  }
}
