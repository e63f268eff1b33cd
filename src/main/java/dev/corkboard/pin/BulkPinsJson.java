package dev.corkboard.pin;

import java.util.List;

/**
 * The wire form of a bulk change's answer ({@code CorkboardBulkPinsResult}).
 *
 * @param action {@code MOVE}, {@code COPY} or {@code DELETE}
 * @param count how many pins it changed or made
 * @param items the ids of the resulting pins in the order asked: for a copy, the new pins
 */
public record BulkPinsJson(String action, int count, List<String> items) {

  static BulkPinsJson of(BulkResult result) {
    return new BulkPinsJson(
        result.action().name(),
        result.pinIds().size(),
        result.pinIds().stream().map(String::valueOf).toList());
  }
}
