package dev.corkboard.collage;

import dev.corkboard.platform.json.Json;
import java.util.List;

/**
 * The wire form of a cutout, schema {@code CorkboardCutout}.
 *
 * @param polygon the shape as {@code [x, y]} pairs, normalised to 0..1
 */
record CutoutJson(
    String id,
    String pinId,
    Owner owner,
    List<List<Double>> polygon,
    int width,
    int height,
    String createdAt) {

  static CutoutJson of(Cutout cutout) {
    return new CutoutJson(
        Long.toString(cutout.id()),
        Long.toString(cutout.pinId()),
        new Owner(cutout.ownerUsername()),
        cutout.polygon().stream().map(p -> List.of(p.x(), p.y())).toList(),
        cutout.width(),
        cutout.height(),
        Json.timestamp(cutout.createdAt()));
  }

  /** Who cut it. */
  record Owner(String username) {}
}
