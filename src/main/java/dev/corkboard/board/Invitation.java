package dev.corkboard.board;

/**
 * A pending invitation to a group board, as its invitee sees it.
 *
 * @param invitation the invitation
 * @param boardName the board's name
 * @param ownerUsername the board owner's username
 */
public record Invitation(Collaborator invitation, String boardName, String ownerUsername) {}
