package dev.corkboard.board;

import dev.corkboard.platform.api.Role;
import java.time.Instant;

/**
 * A member of a group board, or an account invited to be one.
 *
 * @param id the membership's id, made at invitation: orders a board's members
 * @param boardId the board
 * @param accountId the member
 * @param username the member's username
 * @param role what the member may do there
 * @param accepted whether the invitation was accepted (a member) or is pending
 * @param invitedBy who invited them
 * @param createdAt when they were invited
 */
public record Collaborator(
    long id,
    long boardId,
    long accountId,
    String username,
    Role role,
    boolean accepted,
    long invitedBy,
    Instant createdAt) {}
