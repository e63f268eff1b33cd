package dev.corkboard.platform.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

  /** The same page with each item mapped, as a wire form maps domain values. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
    return new Page<>(items.stream().<R>map(mapping).toList(), bookmark);
  }

  /** An empty last page. */
  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }
}
