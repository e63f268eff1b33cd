package dev.corkboard.board;

import java.time.Instant;

/**
 * A section of a board.
 *
 * @param id the section id, on its board's shard
 * @param boardId the board it belongs to
 * @param name the name, unique within the board ignoring case
 * @param createdAt when it was made
 */
public record BoardSection(long id, long boardId, String name, Instant createdAt) {}
