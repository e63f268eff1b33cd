package dev.corkboard.board;

import dev.corkboard.platform.json.Json;

/**
 * The wire forms of group boards (extensions): a member or invitee, an invitation as its invitee
 * sees it, and a line of a board's audit trail.
 */
final class CollaboratorJson {

  private CollaboratorJson() {}

  /**
   * {@code CorkboardCollaborator}: a member or an invitee of a board.
   *
   * @param user who
   * @param role what they may do
   * @param status {@code ACCEPTED} for a member, {@code INVITED} while the invitation is pending
   * @param invitedAt when they were invited, RFC 3339
   */
  record Member(User user, String role, String status, String invitedAt) {}

  /**
   * {@code CorkboardInvitation}: a pending invitation.
   *
   * @param boardId the board
   * @param boardName its name
   * @param boardOwner its owner
   * @param role the role offered
   * @param invitedAt when, RFC 3339
   */
  record Invite(String boardId, String boardName, User boardOwner, String role, String invitedAt) {}

  /**
   * {@code CorkboardBoardActivity}: one line of a board's audit trail.
   *
   * @param id its id
   * @param actor who did it; null username once the account is gone
   * @param action what was done
   * @param objectType what it was done to: PIN, SECTION, MEMBER (an account) or BOARD
   * @param objectId the id of that object
   * @param createdAt when, RFC 3339
   */
  record Activity(
      String id, User actor, String action, String objectType, String objectId, String createdAt) {}

  /**
   * An account by its username.
   *
   * @param username the username
   */
  record User(String username) {}

  static Member of(Collaborator c) {
    return new Member(
        new User(c.username()),
        c.role().name(),
        c.accepted() ? "ACCEPTED" : "INVITED",
        Json.timestamp(c.createdAt()));
  }

  static Invite of(Invitation i) {
    return new Invite(
        Long.toString(i.invitation().boardId()),
        i.boardName(),
        new User(i.ownerUsername()),
        i.invitation().role().name(),
        Json.timestamp(i.invitation().createdAt()));
  }

  static Activity of(ActivityEntry e) {
    return new Activity(
        Long.toString(e.id()),
        new User(e.actorUsername()),
        e.action().name(),
        e.action().kind.name(),
        Long.toString(e.objectId()),
        Json.timestamp(e.createdAt()));
  }
}
