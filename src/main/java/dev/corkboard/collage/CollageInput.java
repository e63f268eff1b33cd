package dev.corkboard.collage;

import java.util.List;

/**
 * A collage's canvas and layers as a client sends them, checked for form and range.
 *
 * @param width the canvas width, 100 to 4000 px
 * @param height the canvas height, 100 to 4000 px
 * @param backgroundColor {@code #RRGGBB}
 * @param items the layers, at most 100
 */
public record CollageInput(int width, int height, String backgroundColor, List<ItemInput> items) {

  public CollageInput {
    items = List.copyOf(items);
  }

  /**
   * One layer as sent.
   *
   * @param type whether it shows a cutout or a pin
   * @param refId the cutout's or pin's id
   * @param x the centre on the canvas, px
   * @param y the centre on the canvas, px
   * @param scale 0.01 to 20
   * @param rotation degrees, clockwise
   * @param flipX whether it is mirrored horizontally
   * @param opacity 0 to 1
   */
  public record ItemInput(
      LayerKind type,
      long refId,
      double x,
      double y,
      double scale,
      double rotation,
      boolean flipX,
      double opacity) {}
}
