/** Boards and their sections, with the privacy policy every by-id path goes through. */
package dev.corkboard.board;
