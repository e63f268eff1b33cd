package dev.corkboard.collage;

import dev.corkboard.pin.PinService;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages through a global lookup keyed by a pin (its cutouts, the collages that use it): the caller
 * must see the pin, the lookup pages ids newest first, then each is read from its own shard.
 */
final class PinLookupPages {

  private final PinService pins;
  private final Bookmarks bookmarks;

  PinLookupPages(PinService pins, Bookmarks bookmarks) {
    this.pins = pins;
    this.bookmarks = bookmarks;
  }

  /**
   * A page of what {@code load} finds for the ids of the lookup {@code kind} of a pin the caller
   * may see; an id that no longer loads (or that the caller may not see) is left out.
   */
  <T> Page<T> page(
      Principal caller,
      long pinId,
      String kind,
      PageRequest page,
      Bookmarks.Fetch<Long> ids,
      Function<Long, Optional<T>> load) {
    pins.pin(caller, pinId);
    String list = kind + ":" + pinId;
    Page<Long> idPage = bookmarks.newestFirst(list, page, ids, Long::longValue);
    return new Page<>(
        idPage.items().stream().map(load).flatMap(Optional::stream).toList(), idPage.bookmark());
  }
}
