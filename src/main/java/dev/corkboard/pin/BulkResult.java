package dev.corkboard.pin;

import java.util.List;

/**
 * What a bulk change of pins did.
 *
 * @param action what it did
 * @param pinIds the resulting pins in the order asked: the moved or deleted pins themselves, or the
 *     new copies
 */
public record BulkResult(BulkAction action, List<Long> pinIds) {

  public BulkResult {
    pinIds = List.copyOf(pinIds);
  }
}
