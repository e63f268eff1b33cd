package dev.corkboard.collage;

import java.util.List;

/**
 * A collage's content as stored and edited: the canvas and the layers, which refer to cutouts and
 * pins by id (drawing them takes decoding those first, into a {@code render.Scene}). Stored as JSON
 * by the shared mapper, so its component names are the stored field names.
 *
 * @param width the canvas width, 100 to 4000 px
 * @param height the canvas height, 100 to 4000 px
 * @param backgroundColor {@code #RRGGBB}
 * @param items the layers, first drawn first, at most 100
 */
public record CollageLayout(int width, int height, String backgroundColor, List<Item> items) {

  public CollageLayout {
    items = List.copyOf(items);
  }

  /**
   * One layer.
   *
   * @param type whether it shows a cutout or a pin
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
      LayerKind type,
      long refId,
      String sha256,
      double x,
      double y,
      double scale,
      double rotation,
      boolean flipX,
      double opacity) {}
}
