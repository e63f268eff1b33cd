package dev.corkboard.collage.render;

/**
 * One item on a collage canvas: which source image it shows, where its centre sits, and how it is
 * scaled, rotated, mirrored and faded.
 *
 * @param sourceKey the key of the item's image among the sources given to {@link CollageRenderer}
 * @param x the item's centre on the canvas, in canvas pixels from the left
 * @param y the item's centre on the canvas, in canvas pixels from the top
 * @param scale how many canvas pixels one source pixel covers; more than 0
 * @param rotationDegrees clockwise rotation about the item's centre
 * @param flipX whether the item is mirrored left to right about its centre, before it is rotated
 * @param opacity from 0 (invisible) to 1 (as opaque as the source)
 */
public record Layer(
    String sourceKey,
    double x,
    double y,
    double scale,
    double rotationDegrees,
    boolean flipX,
    double opacity) {

  public Layer {
    if (sourceKey == null || sourceKey.isBlank()) {
      throw new IllegalArgumentException("sourceKey is required");
    }
    requireFinite(x, "x");
    requireFinite(y, "y");
    requireFinite(rotationDegrees, "rotationDegrees");
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a finite number above 0, not " + scale);
    }
    if (!(opacity >= 0 && opacity <= 1)) {
      throw new IllegalArgumentException("opacity must be a number from 0 to 1, not " + opacity);
    }
  }

  private static void requireFinite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, not " + value);
    }
  }
}
