package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixtures of group boards, made through the public API. */
final class GroupBoards {

  private GroupBoards() {}

  static String collaboratorsOf(String boardId) {
    return "/v5/boards/" + boardId + "/collaborators";
  }

  static String collaborator(String boardId, String username) {
    return collaboratorsOf(boardId) + "/" + username;
  }

  static String accept(String boardId) {
    return "/v5/user_account/invitations/" + boardId + "/accept";
  }

  static String decline(String boardId) {
    return "/v5/user_account/invitations/" + boardId + "/decline";
  }

  static String activityOf(String boardId) {
    return "/v5/boards/" + boardId + "/activity";
  }

  static String archiveOf(String boardId) {
    return "/v5/boards/" + boardId + "/archive";
  }

  /** Invites the user to the owner's board with the role, and answers the invitation. */
  static Api.Response invite(Users.User owner, String boardId, Users.User invitee, String role) {
    Api.Response invited =
        owner
            .client()
            .post(collaboratorsOf(boardId), Map.of("username", invitee.username(), "role", role));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    return invited;
  }

  /** Makes the user a member of the owner's board with the role: invited, then accepted. */
  static void addMember(Users.User owner, String boardId, Users.User member, String role) {
    invite(owner, boardId, member, role);
    Api.Response accepted = member.client().post(accept(boardId), Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
  }

  /** The usernames of a page of collaborators. */
  static List<String> usernames(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    page.json().path("items").forEach(i -> names.add(i.path("user").path("username").asText()));
    return names;
  }

  /** The actions of a page of a board's activity, newest first. */
  static List<String> actions(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> actions = new ArrayList<>();
    page.json().path("items").forEach(i -> actions.add(i.path("action").asText()));
    return actions;
  }
}
