package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * Merging a board into another: its pins, sections, followers and members join the other board,
 * with exact counts, and the merged board is gone.
 */
class BoardMergeApiTest {

  @Test
  void mergingMovesPinsAndSectionsIntoTheOtherBoardAndDeletesTheBoard() {
    User alice = Users.signUp();
    Api api = alice.client();
    String from = Pins.board(api, "From");
    String into = Pins.board(api, "Into");
    String fromRed = Pins.section(api, from, "Red");
    String fromBlue = Pins.section(api, from, "Blue");
    String intoRed = Pins.section(api, into, "RED");
    String inRed = Pins.createInSection(api, from, fromRed);
    String inBlue = Pins.createInSection(api, from, fromBlue);
    String loose = Pins.create(api, from, Color.GRAY).text("id");
    String alreadyThere = Pins.createInSection(api, into, intoRed);

    Api.Response answer = merge(api, from, into);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.text("id")).isEqualTo(into);
    assertThat(answer.json().path("pin_count").asInt()).isEqualTo(4);
    assertThat(api.get("/v5/boards/" + from).status()).isEqualTo(404);
    assertThat(api.get("/v5/boards/" + into).json().path("pin_count").asInt()).isEqualTo(4);
    assertThat(api.get("/v5/user_account").json().path("board_count").asInt()).isEqualTo(1);
    assertThat(api.get("/v5/user_account").json().path("pin_count").asInt()).isEqualTo(4);
    // A's "Red" merged into B's "RED"; A's "Blue" moved over with its pin.
    assertThat(sections(api, into)).containsExactlyInAnyOrder(intoRed, fromBlue);
    assertThat(ids(api.get("/v5/boards/" + into + "/sections/" + intoRed + "/pins")))
        .containsExactlyInAnyOrder(inRed, alreadyThere);
    assertThat(ids(api.get("/v5/boards/" + into + "/sections/" + fromBlue + "/pins")))
        .containsExactly(inBlue);
    assertThat(api.get("/v5/pins/" + loose).json().path("board_id").asText()).isEqualTo(into);
    assertThat(ids(api.get("/v5/boards/" + into + "/pins")))
        .containsExactlyInAnyOrder(inRed, inBlue, loose, alreadyThere);
    assertThat(trail(into, "BOARD_MERGED")).isEqualTo(1);
  }

  @Test
  void mergingGivesTheBoardsExplicitFollowersAFollowOfTheOtherBoardCountedOnce() {
    User alice = Users.signUp();
    String from = Pins.board(alice.client(), "From");
    String into = Pins.board(alice.client(), "Into");
    User bob = Users.signUp(); // follows From explicitly
    User carol = Users.signUp(); // follows Alice, so both boards
    User dave = Users.signUp(); // follows both boards explicitly
    User erin = Users.signUp(); // follows Alice, unfollowed Into, follows From explicitly
    follow(bob.client(), from);
    followUser(carol.client(), alice.username());
    follow(dave.client(), from);
    follow(dave.client(), into);
    followUser(erin.client(), alice.username());
    assertThat(erin.client().delete("/v5/boards/" + into + "/follow").status()).isEqualTo(204);
    follow(erin.client(), from);
    assertThat(followerCount(alice.client(), into)).isEqualTo(2); // carol, dave

    Api.Response answer = merge(alice.client(), from, into);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("follower_count").asInt()).isEqualTo(4);
    assertThat(followerCount(alice.client(), into)).isEqualTo(4);
    assertThat(followers(alice.client(), into))
        .containsExactlyInAnyOrder(
            bob.username(), carol.username(), dave.username(), erin.username());
    // Bob's follow stands on its own: unfollowing it takes him off, once.
    assertThat(bob.client().delete("/v5/boards/" + into + "/follow").status()).isEqualTo(204);
    assertThat(followerCount(alice.client(), into)).isEqualTo(3);
  }

  @Test
  void mergingMakesTheBoardsMembersMembersOfTheOtherBoardKeepingTheHigherRole() {
    User alice = Users.signUp();
    String from = Pins.board(alice.client(), "From");
    String into = Pins.board(alice.client(), "Into");
    User bob = Users.signUp();
    User carol = Users.signUp();
    User dave = Users.signUp();
    member(from, bob, "EDITOR", "ACCEPTED", alice);
    member(from, carol, "VIEWER", "INVITED", alice);
    member(into, bob, "VIEWER", "ACCEPTED", alice);
    member(into, dave, "CONTRIBUTOR", "ACCEPTED", alice);

    Api.Response answer = merge(alice.client(), from, into);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("collaborator_count").asInt()).isEqualTo(2);
    assertThat(members(into))
        .containsExactlyInAnyOrder(
            bob.id() + " EDITOR ACCEPTED",
            carol.id() + " VIEWER INVITED",
            dave.id() + " CONTRIBUTOR ACCEPTED");
    assertThat(members(from)).isEmpty();
  }

  @Test
  void mergingIntoItselfAnotherOwnersOrNoBoardIsRefusedAndChangesNothing() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String board = Pins.board(alice.client(), "Mine");
    Pins.create(alice.client(), board, Color.GRAY);
    String bobsBoard = Pins.board(bob.client(), "Bob's");

    Api.Response itself = merge(alice.client(), board, board);
    Api.Response others = merge(alice.client(), board, bobsBoard);
    Api.Response intoNothing = alice.client().post("/v5/boards/" + board + "/merge", Map.of());
    Api.Response unknown = merge(alice.client(), board, "9000000000000000001");
    Api.Response notMine = merge(bob.client(), board, bobsBoard);

    assertThat(itself.status()).as(itself.body()).isEqualTo(400);
    assertThat(itself.message()).contains("into_board_id");
    assertThat(others.status()).as(others.body()).isEqualTo(403);
    assertThat(intoNothing.status()).as(intoNothing.body()).isEqualTo(400);
    assertThat(intoNothing.message()).contains("into_board_id");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.message()).contains("into_board_id");
    assertThat(notMine.status()).as(notMine.body()).isEqualTo(403);
    assertThat(alice.client().get("/v5/boards/" + board).json().path("pin_count").asInt())
        .isEqualTo(1);
    assertThat(alice.client().get("/v5/user_account").json().path("board_count").asInt())
        .isEqualTo(1);
  }

  private static Api.Response merge(Api api, String from, String into) {
    return api.post("/v5/boards/" + from + "/merge", Map.of("into_board_id", into));
  }

  private static void follow(Api api, String board) {
    Api.Response answer = api.put("/v5/boards/" + board + "/follow");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  private static void followUser(Api api, String username) {
    Api.Response answer = api.post("/v5/user_account/following/" + username, Map.of());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  private static int followerCount(Api api, String board) {
    return api.get("/v5/boards/" + board).json().path("follower_count").asInt(-1);
  }

  private static List<String> followers(Api api, String board) {
    Api.Response page = api.get("/v5/boards/" + board + "/followers?page_size=250");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    page.json().path("items").forEach(n -> names.add(n.path("username").asText()));
    return names;
  }

  private static List<String> sections(Api api, String board) {
    return ids(api.get("/v5/boards/" + board + "/sections"));
  }

  private static List<String> ids(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    page.json().path("items").forEach(n -> ids.add(n.path("id").asText()));
    return ids;
  }

  /** Makes the account a member of the board directly: no API writes members yet. */
  private static void member(String board, User who, String role, String state, User owner) {
    long boardId = Long.parseLong(board);
    long accountId = Long.parseLong(who.id());
    Database db = TestDatabase.shared();
    db.update(
        """
        INSERT INTO board_members (shard, board_id, member_shard, account_id, role, state,
                                   invited_by, id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """,
        Ids.shardOf(boardId),
        boardId,
        Ids.shardOf(accountId),
        accountId,
        role,
        state,
        Long.parseLong(owner.id()),
        boardId + accountId % 1000);
    db.update(
        """
        UPDATE boards SET collaborator_count = (
          SELECT count(*) FROM board_members
          WHERE shard = $1 AND board_id = $2 AND state = 'ACCEPTED')
        WHERE shard = $1 AND id = $2
        """,
        Ids.shardOf(boardId),
        boardId);
  }

  private static List<String> members(String board) {
    long boardId = Long.parseLong(board);
    return TestDatabase.shared()
        .list(
            "SELECT account_id, role, state FROM board_members WHERE shard = $1 AND board_id = $2",
            row -> row.getLong(0) + " " + row.getString(1) + " " + row.getString(2),
            Ids.shardOf(boardId),
            boardId);
  }

  private static long trail(String board, String action) {
    long id = Long.parseLong(board);
    return TestDatabase.shared()
        .one(
            "SELECT count(*) FROM board_activity WHERE shard = $1 AND board_id = $2 AND action = $3",
            row -> row.getLong(0),
            Ids.shardOf(id),
            id,
            action)
        .orElse(0L);
  }
}
