package dev.corkboard.platform.api;

import java.util.Optional;

/**
 * What a client asked of a list: how many items, and after which bookmark.
 *
 * @param size the page size, 1 to {@link #MAX_SIZE}
 * @param bookmark the bookmark of the previous page, if any
 */
public record PageRequest(int size, Optional<String> bookmark) {

  /** The page size when the client names none. */
  public static final int DEFAULT_SIZE = 25;

  /** The largest page size a client may ask for. */
  public static final int MAX_SIZE = 250;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new ApiException.InvalidInput(
          "page_size must be an integer from 1 to " + MAX_SIZE + ".");
    }
  }
}
