/**
 * Pins: one image or a carousel on a board, with its text; saves that share their source's images;
 * and the pin lists of boards, sections and accounts, the hottest of them served from the read
 * cache.
 */
package dev.corkboard.pin;
