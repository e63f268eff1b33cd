/**
 * Boards and their sections: making, changing, deleting and listing them, and checking a board that
 * pins are put on. Who may see or change one is the access policy's to say.
 */
package dev.corkboard.board;
