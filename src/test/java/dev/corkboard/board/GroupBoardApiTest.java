package dev.corkboard.board;

import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.GroupBoards.accept;
import static dev.corkboard.board.GroupBoards.actions;
import static dev.corkboard.board.GroupBoards.activityOf;
import static dev.corkboard.board.GroupBoards.addMember;
import static dev.corkboard.board.GroupBoards.archiveOf;
import static dev.corkboard.board.GroupBoards.collaborator;
import static dev.corkboard.board.GroupBoards.collaboratorsOf;
import static dev.corkboard.board.GroupBoards.decline;
import static dev.corkboard.board.GroupBoards.invite;
import static dev.corkboard.board.GroupBoards.usernames;
import static dev.corkboard.feed.Feeds.awaitFeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Group boards through the public API: invitations, roles, members' lists and counts, a pin's
 * pinner, the audit trail, leaving, and archiving.
 */
class GroupBoardApiTest {

  private final Users.User owner = Users.signUp();
  private final Users.User member = Users.signUp();

  @Test
  void anInvitationWaitsForTheInviteeUntilAccepted() {
    String board = createBoard(owner.client(), "Trip", "SECRET");

    Api.Response invited = invite(owner, board, member, "EDITOR");

    assertThat(invited.text("status")).isEqualTo("INVITED");
    assertThat(invited.json().path("user").path("username").asText()).isEqualTo(member.username());
    Api.Response invitations = member.client().get("/v5/user_account/invitations");
    assertThat(invitations.json().path("items").get(0).path("board_id").asText()).isEqualTo(board);
    assertThat(invitations.json().path("items").get(0).path("board_name").asText())
        .isEqualTo("Trip");
    // Not a member yet: the secret board is unknown to them, and it counts nobody.
    assertThat(member.client().get(boardPath(board)).status()).isEqualTo(404);
    assertThat(owner.client().get(boardPath(board)).json().path("collaborator_count").asInt())
        .isZero();

    Api.Response accepted = member.client().post(accept(board), Map.of());

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.text("role")).isEqualTo("EDITOR");
    assertThat(member.client().get(boardPath(board)).text("role")).isEqualTo("EDITOR");
    assertThat(owner.client().get(boardPath(board)).text("role")).isEqualTo("OWNER");
    assertThat(owner.client().get(boardPath(board)).json().path("collaborator_count").asInt())
        .isEqualTo(1);
    assertThat(member.client().get("/v5/user_account/invitations").json().path("items")).isEmpty();
  }

  @Test
  void aDeclinedInvitationLeavesNoMember() {
    String board = createBoard(owner.client(), "Trip");
    invite(owner, board, member, "VIEWER");

    assertThat(member.client().post(decline(board), Map.of()).status()).isEqualTo(204);

    assertThat(usernames(owner.client().get(collaboratorsOf(board)))).isEmpty();
    assertThat(member.client().post(accept(board), Map.of()).code()).isEqualTo(404);
  }

  @Test
  void membersAreListedInviteesOnlyForTheOwnerAndEditors() {
    String board = createBoard(owner.client(), "Trip");
    Users.User viewer = Users.signUp();
    Users.User pending = Users.signUp();
    addMember(owner, board, member, "EDITOR");
    addMember(owner, board, viewer, "VIEWER");
    invite(owner, board, pending, "CONTRIBUTOR");

    assertThat(usernames(owner.client().get(collaboratorsOf(board))))
        .containsExactly(member.username(), viewer.username(), pending.username());
    assertThat(usernames(member.client().get(collaboratorsOf(board))))
        .containsExactly(member.username(), viewer.username(), pending.username());
    assertThat(usernames(viewer.client().get(collaboratorsOf(board))))
        .containsExactly(member.username(), viewer.username());
    assertThat(usernames(Users.signUp().client().get(collaboratorsOf(board))))
        .containsExactly(member.username(), viewer.username());
  }

  @Test
  void invitingTwiceOrInvitingTheOwnerIsRefused() {
    String board = createBoard(owner.client(), "Trip");
    invite(owner, board, member, "VIEWER");

    Api.Response again =
        owner
            .client()
            .post(collaboratorsOf(board), Map.of("username", member.username(), "role", "EDITOR"));
    Api.Response self =
        owner
            .client()
            .post(collaboratorsOf(board), Map.of("username", owner.username(), "role", "EDITOR"));
    Api.Response unknown =
        owner
            .client()
            .post(collaboratorsOf(board), Map.of("username", "nobody_x", "role", "VIEWER"));
    Api.Response asOwner =
        owner
            .client()
            .post(collaboratorsOf(board), Map.of("username", member.username(), "role", "OWNER"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(self.status()).isEqualTo(400);
    assertThat(self.message()).startsWith("username:");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo(30);
    assertThat(asOwner.status()).isEqualTo(400);
    assertThat(asOwner.message()).contains("role");
  }

  @Test
  void anEditorInvitesViewersOnly() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "EDITOR");
    Users.User guest = Users.signUp();

    Api.Response editor =
        member
            .client()
            .post(collaboratorsOf(board), Map.of("username", guest.username(), "role", "EDITOR"));
    Api.Response viewer =
        member
            .client()
            .post(collaboratorsOf(board), Map.of("username", guest.username(), "role", "VIEWER"));

    assertThat(editor.status()).isEqualTo(403);
    assertThat(viewer.status()).as(viewer.body()).isEqualTo(201);
  }

  @Test
  void aCollaboratorsPinKeepsItsPinnerAndTheBoardItsOwner() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "CONTRIBUTOR");

    Api.Response pin = Pins.create(member.client(), board, Color.RED);

    assertThat(pin.json().path("pinner").path("username").asText()).isEqualTo(member.username());
    assertThat(pin.json().path("board_owner").path("username").asText())
        .isEqualTo(owner.username());
    String ownPin = Pins.create(owner.client(), board, Color.BLUE).text("id");
    assertThat(owner.client().get("/v5/pins/" + ownPin).json().has("pinner")).isFalse();
    assertThat(owner.client().get(boardPath(board)).json().path("pin_count").asInt()).isEqualTo(2);
  }

  @Test
  void aSaveOntoAGroupBoardIsTheOwnersPinByTheSaver() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "CONTRIBUTOR");
    Users.User stranger = Users.signUp();
    String source =
        Pins.create(stranger.client(), createBoard(stranger.client(), "Mine"), Color.RED)
            .text("id");

    Api.Response saved =
        member.client().post("/v5/pins/" + source + "/save", Map.of("board_id", board));

    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(saved.json().path("pinner").path("username").asText()).isEqualTo(member.username());
    assertThat(ids(owner.client().get(pinsOf(board)))).containsExactly(saved.text("id"));
  }

  @Test
  void aRemovedMemberLosesTheSecretBoardAtOnce() {
    String board = createBoard(owner.client(), "Trip", "SECRET");
    addMember(owner, board, member, "VIEWER");
    String pin = Pins.create(owner.client(), board, Color.RED).text("id");
    assertThat(member.client().get("/v5/pins/" + pin).status()).isEqualTo(200);
    assertThat(member.client().get(pinsOf(board)).status()).isEqualTo(200);

    assertThat(owner.client().delete(collaborator(board, member.username())).status())
        .isEqualTo(204);

    assertThat(member.client().get("/v5/pins/" + pin).status()).isEqualTo(404);
    assertThat(member.client().get(pinsOf(board)).status()).isEqualTo(404);
    assertThat(member.client().get(boardPath(board)).status()).isEqualTo(404);
    assertThat(owner.client().get(boardPath(board)).json().path("collaborator_count").asInt())
        .isZero();
  }

  @Test
  void aMemberMayLeaveAndTheBoardDropsOutOfTheirList() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "EDITOR");
    assertThat(ids(member.client().get("/v5/boards"))).contains(board);

    assertThat(member.client().delete(collaborator(board, member.username())).status())
        .isEqualTo(204);

    assertThat(ids(member.client().get("/v5/boards"))).doesNotContain(board);
    assertThat(actions(owner.client().get(activityOf(board))))
        .startsWith("MEMBER_LEFT", "MEMBER_JOINED", "MEMBER_INVITED");
  }

  @Test
  void theOwnerChangesARoleAndTheMemberMayThenDoMore() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "VIEWER");
    assertThat(member.client().post(Boards.sectionsOf(board), Map.of("name", "Day 1")).status())
        .isEqualTo(403);

    Api.Response changed =
        owner.client().patch(collaborator(board, member.username()), Map.of("role", "EDITOR"));

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.text("role")).isEqualTo("EDITOR");
    assertThat(member.client().post(Boards.sectionsOf(board), Map.of("name", "Day 1")).status())
        .isEqualTo(201);
    assertThat(
            member
                .client()
                .patch(collaborator(board, member.username()), Map.of("role", "EDITOR"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theTrailNamesWhoDidWhatNewestFirst() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "CONTRIBUTOR");
    String pin = Pins.create(member.client(), board, Color.RED).text("id");
    assertThat(member.client().patch("/v5/pins/" + pin, Map.of("title", "Beach")).status())
        .isEqualTo(200);
    assertThat(member.client().delete("/v5/pins/" + pin).status()).isEqualTo(204);

    Api.Response trail = owner.client().get(activityOf(board));

    assertThat(actions(trail))
        .containsExactly(
            "PIN_REMOVED", "PIN_EDITED", "PIN_ADDED", "MEMBER_JOINED", "MEMBER_INVITED");
    assertThat(trail.json().path("items").get(0).path("actor").path("username").asText())
        .isEqualTo(member.username());
    assertThat(trail.json().path("items").get(0).path("object_id").asText()).isEqualTo(pin);
    assertThat(Users.signUp().client().get(activityOf(board)).status()).isEqualTo(403);
  }

  @Test
  void anArchivedBoardIsReadOnlyAndLeftOutOfDefaultLists() {
    String board = createBoard(owner.client(), "Old trip");
    String pin = Pins.create(owner.client(), board, Color.RED).text("id");

    Api.Response archived = owner.client().post(archiveOf(board), Map.of());

    assertThat(archived.status()).as(archived.body()).isEqualTo(200);
    assertThat(archived.json().path("archived").asBoolean()).isTrue();
    assertThat(ids(owner.client().get("/v5/boards"))).doesNotContain(board);
    assertThat(ids(owner.client().get("/v5/boards?include_archived=true"))).contains(board);
    assertThat(owner.client().get(boardPath(board)).status()).isEqualTo(200);
    assertThat(owner.client().patch(boardPath(board), Map.of("name", "New")).status())
        .isEqualTo(403);
    assertThat(owner.client().patch("/v5/pins/" + pin, Map.of("title", "x")).status())
        .isEqualTo(403);
    assertThat(owner.client().post("/v5/pins", pinOn(board)).status()).isEqualTo(403);

    assertThat(owner.client().delete(archiveOf(board)).status()).isEqualTo(200);
    assertThat(owner.client().patch("/v5/pins/" + pin, Map.of("title", "x")).status())
        .isEqualTo(200);
    assertThat(ids(owner.client().get("/v5/boards"))).contains(board);
  }

  @Test
  void anArchivedBoardLeavesItsFollowersFeeds() {
    String board = createBoard(owner.client(), "Old trip");
    assertThat(
            member
                .client()
                .post("/v5/user_account/following/" + owner.username(), Map.of())
                .status())
        .isEqualTo(200);
    // Fanned out to the followers it has when it is saved.
    String pin = Pins.create(owner.client(), board, Color.RED).text("id");
    awaitFeed(member.client(), java.util.List.of(pin));

    assertThat(owner.client().post(archiveOf(board), Map.of()).status()).isEqualTo(200);

    awaitFeed(member.client(), java.util.List.of());
    assertThat(ids(Users.signUp().client().get("/v5/users/" + owner.username() + "/boards")))
        .doesNotContain(board);
  }

  @Test
  void onlyTheOwnerArchives() {
    String board = createBoard(owner.client(), "Trip");
    addMember(owner, board, member, "EDITOR");

    assertThat(member.client().post(archiveOf(board), Map.of()).status()).isEqualTo(403);
    assertThat(Users.signUp().client().post(archiveOf(board), Map.of()).status()).isEqualTo(403);
  }

  private static Map<String, Object> pinOn(String board) {
    return Map.of(
        "board_id",
        board,
        "media_source",
        Pins.base64Source(dev.corkboard.support.Images.png(20, 20, Color.RED)));
  }
}
