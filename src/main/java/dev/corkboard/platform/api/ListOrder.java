package dev.corkboard.platform.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The order a list is asked in, by its {@code sort} query parameter. */
public enum ListOrder {
  /** Newest first: the default of pins and boards. */
  NEWEST,
  /** The order they were made in: the default of sections. */
  OLDEST,
  /** The manual order the owner arranged. */
  CUSTOM;

  /** The value as clients spell it. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The order a {@code sort} parameter names, {@code byDefault} when absent; 400 naming {@code
   * sort} and the values allowed for anything else.
   */
  public static ListOrder parse(
      Optional<String> sort, ListOrder byDefault, List<ListOrder> allowed) {
    if (sort.isEmpty()) {
      return byDefault;
    }
    for (ListOrder order : allowed) {
      if (order.wireName().equals(sort.get())) {
        return order;
      }
    }
    throw new ApiException.InvalidInput(
        "sort must be "
            + (allowed.size() == 1 ? "" : "one of ")
            + allowed.stream().map(ListOrder::wireName).collect(Collectors.joining(", "))
            + " (absent: "
            + byDefault.wireName()
            + "), not '"
            + Checks.clip(sort.get())
            + "'.");
  }
}
