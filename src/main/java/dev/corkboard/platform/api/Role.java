package dev.corkboard.platform.api;

/**
 * What a member of a group board may do there, from most to least: the {@link AccessPolicy} reads
 * it, nothing else decides by it.
 */
public enum Role {
  /** Owns the board: everything, including its name, privacy, members and deletion. */
  OWNER,
  /** Adds, moves, edits and removes any pin and section; invites viewers. */
  EDITOR,
  /** Adds pins, and edits and removes the pins they added. */
  CONTRIBUTOR,
  /** Sees a secret board and its pins, nothing else. */
  VIEWER
}
