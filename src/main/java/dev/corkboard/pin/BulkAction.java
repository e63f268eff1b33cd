package dev.corkboard.pin;

/** What a bulk change does to each of its pins: move, copy (save) or delete them. */
public enum BulkAction {
  /** Moves the pins onto a board (and section), keeping their ids. */
  MOVE,
  /** Saves copies of the pins onto a board (and section), as a save of each would. */
  COPY,
  /** Deletes the pins. */
  DELETE
}
