package dev.corkboard.platform.api;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list and the bookmark of the next page, empty on the last page.
 *
 * @param items the items of this page, in list order
 * @param bookmark the opaque bookmark of the next page
 */
public record Page<T>(List<T> items, Optional<String> bookmark) {

  public Page {
    items = List.copyOf(items);
  }

  /** An empty last page. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }
}
