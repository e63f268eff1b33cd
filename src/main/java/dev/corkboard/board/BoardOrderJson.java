package dev.corkboard.board;

import org.jspecify.annotations.Nullable;

/**
 * The wire form of a board moved in its owner's manual order.
 *
 * @param boardId the board moved
 * @param after the board it now follows, null when it is first
 */
record BoardOrderJson(String boardId, @Nullable String after) {}
