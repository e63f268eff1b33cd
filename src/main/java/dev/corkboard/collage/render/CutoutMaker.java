package dev.corkboard.collage.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a polygon out of an image into a picture with transparent surroundings and anti-aliased
 * edges; pure computation, safe to share between threads.
 */
public final class CutoutMaker {

  public static final int MIN_POINTS = 3;
  public static final int MAX_POINTS = 1_000;

  /**
   * Slack when rounding the bounding box outward, so that {@code 0.3 * 100 = 30.000000000000004}
   * does not grow the cutout by a column of empty pixels.
   */
  private static final double ROUNDING_SLACK = 1e-9;

  /**
   * Cuts {@code polygon} out of {@code source}. The result is the polygon's bounding box (rounded
   * outward to whole pixels), as {@code TYPE_INT_ARGB}: pixels inside keep their colour and alpha,
   * pixels outside are fully transparent, and edge pixels have their alpha scaled by how much of
   * them the polygon covers.
   *
   * @param polygon 3 to 1,000 points in the source's own coordinates normalised to 0..1; the
   *     polygon is closed implicitly and may cross itself (non-zero winding)
   * @throws IllegalArgumentException if the polygon breaks a rule, naming the rule
   */
  public BufferedImage cut(BufferedImage source, List<Point> polygon) {
    Objects.requireNonNull(source, "source");
    validate(polygon);
    int width = source.getWidth();
    int height = source.getHeight();

    Path2D.Double outline = new Path2D.Double(Path2D.WIND_NON_ZERO, polygon.size());
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Point point : polygon) {
      double x = point.x() * width;
      double y = point.y() * height;
      if (outline.getCurrentPoint() == null) {
        outline.moveTo(x, y);
      } else {
        outline.lineTo(x, y);
      }
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
    outline.closePath();

    int left = Math.clamp((long) Math.floor(minX + ROUNDING_SLACK), 0, width);
    int top = Math.clamp((long) Math.floor(minY + ROUNDING_SLACK), 0, height);
    int right = Math.clamp((long) Math.ceil(maxX - ROUNDING_SLACK), 0, width);
    int bottom = Math.clamp((long) Math.ceil(maxY - ROUNDING_SLACK), 0, height);
    if (right <= left || bottom <= top) {
      throw new IllegalArgumentException(
          "polygon must enclose an area: its bounding box is less than a pixel wide or high");
    }
    int cutWidth = right - left;
    int cutHeight = bottom - top;

    // The mask's alpha is the share of each pixel that the polygon covers.
    BufferedImage cutout = new BufferedImage(cutWidth, cutHeight, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = cutout.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.translate(-left, -top);
      g.fill(outline);
    } finally {
      g.dispose();
    }
    int[] coverage = cutout.getRGB(0, 0, cutWidth, cutHeight, null, 0, cutWidth);
    int[] pixels = source.getRGB(left, top, cutWidth, cutHeight, null, 0, cutWidth);
    for (int i = 0; i < pixels.length; i++) {
      int alpha = ((pixels[i] >>> 24) * (coverage[i] >>> 24) + 127) / 255;
      pixels[i] = alpha == 0 ? 0 : (alpha << 24) | (pixels[i] & 0xFF_FFFF);
    }
    cutout.setRGB(0, 0, cutWidth, cutHeight, pixels, 0, cutWidth);
    return cutout;
  }

  /** Encodes an image, such as a cutout, as PNG bytes that depend only on its pixels. */
  public byte[] png(BufferedImage image) {
    return ImageEncoder.png(Objects.requireNonNull(image, "image"));
  }

  private static void validate(List<Point> polygon) {
    if (polygon == null) {
      throw new IllegalArgumentException("polygon is required");
    }
    if (polygon.size() < MIN_POINTS || polygon.size() > MAX_POINTS) {
      throw new IllegalArgumentException(
          "polygon must have between %d and %d points, not %d"
              .formatted(MIN_POINTS, MAX_POINTS, polygon.size()));
    }
    for (int i = 0; i < polygon.size(); i++) {
      Point point = polygon.get(i);
      if (point == null) {
        throw new IllegalArgumentException("polygon[" + i + "] is required");
      }
      checkFraction(point.x(), "polygon[" + i + "].x");
      checkFraction(point.y(), "polygon[" + i + "].y");
    }
  }

  private static void checkFraction(double value, String name) {
    // Written so that NaN fails too.
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a number from 0 to 1, not " + value);
    }
  }
}
