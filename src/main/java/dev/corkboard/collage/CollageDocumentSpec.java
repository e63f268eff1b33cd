package dev.corkboard.collage;

import java.util.List;

/**
 * The editable content of a collage as stored: the canvas and the layers referring to cutouts and
 * pins by id.
 *
 * @param width the canvas width, 100 to 4000 px
 * @param height the canvas height, 100 to 4000 px
 * @param backgroundColor {@code #RRGGBB}
 * @param items the layers, first drawn first, at most 100
 */
public record CollageDocumentSpec(int width, int height, String backgroundColor, List<Item> items) {

  public CollageDocumentSpec {
    items = List.copyOf(items);
  }

  /**
   * One layer.
   *
   * @param type cutout or pin
   * @param refId the cutout's or the pin's id
   * @param sha256 for a pin layer, the original image it showed when saved; empty for a cutout
   * @param x the centre on the canvas, px
   * @param y the centre on the canvas, px
   * @param scale 0.01 to 20
   * @param rotation degrees, clockwise
   * @param flipX whether it is mirrored horizontally
   * @param opacity 0 to 1
   */
  public record Item(
      String type,
      long refId,
      String sha256,
      double x,
      double y,
      double scale,
      double rotation,
      boolean flipX,
      double opacity) {}
}
