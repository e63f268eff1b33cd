package dev.corkboard.collage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corkboard.platform.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of a collage, schema {@code CorkboardCollage}, in the version the caller sees.
 *
 * @param remixedFrom the collage it was remixed from, or null
 * @param published the version last published and its pin, or null if never published
 */
record CollageJson(
    String id,
    Owner owner,
    String title,
    Canvas canvas,
    List<Item> items,
    int version,
    String createdAt,
    String updatedAt,
    @Nullable String remixedFrom,
    List<String> sourcePins,
    @Nullable Published published) {

  /**
   * The collage as the caller sees it: a pin or cutout the caller may not see now (a layer's
   * source, a credited pin, the published pin) is not named.
   */
  static CollageJson of(Collage collage, CollageService.SeenRefs seen) {
    CollageLayout layout = collage.layout();
    return new CollageJson(
        Long.toString(collage.id()),
        new Owner(collage.ownerUsername()),
        collage.title(),
        new Canvas(layout.width(), layout.height(), layout.backgroundColor()),
        layout.items().stream().map(i -> Item.of(i, seen)).toList(),
        collage.version(),
        Json.timestamp(collage.createdAt()),
        Json.timestamp(collage.updatedAt()),
        collage.remixedFrom() == 0 ? null : Long.toString(collage.remixedFrom()),
        collage.sourcePins().stream()
            .filter(p -> seen.pin().test(p))
            .map(p -> Long.toString(p))
            .toList(),
        collage.isPublished()
            ? new Published(
                collage.publishedVersion(),
                seen.pin().test(collage.publishedPinId())
                    ? Long.toString(collage.publishedPinId())
                    : null)
            : null);
  }

  /** Who owns it. */
  record Owner(String username) {}

  /** Schema {@code CorkboardCanvas}. */
  record Canvas(int width, int height, String backgroundColor) {}

  /**
   * Schema {@code CorkboardCollageItem}: a layer names its source in {@code cutout_id} or {@code
   * pin_id}, as its type says, and the other field is left out.
   */
  record Item(
      LayerKind type,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String cutoutId,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String pinId,
      double x,
      double y,
      double scale,
      double rotation,
      boolean flipX,
      double opacity) {

    static Item of(CollageLayout.Item item, CollageService.SeenRefs seen) {
      String ref = Long.toString(item.refId());
      return new Item(
          item.type(),
          item.type() == LayerKind.CUTOUT && seen.cutout().test(item.refId()) ? ref : null,
          item.type() == LayerKind.PIN && seen.pin().test(item.refId()) ? ref : null,
          item.x(),
          item.y(),
          item.scale(),
          item.rotation(),
          item.flipX(),
          item.opacity());
    }
  }

  /**
   * The version last published and the pin it was published as, unless the caller may not see it.
   */
  record Published(
      int version, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String pinId) {}
}
