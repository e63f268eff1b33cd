package dev.corkboard.collage.render;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a scene and its source images into one flat picture, pixel for pixel the same for the
 * same inputs; pure computation, safe to share between threads.
 */
public final class CollageRenderer {

  /** The most pixels a rendered picture may have: 50 million, 200 MB as {@code int} RGB. */
  public static final long MAX_OUTPUT_PIXELS = 50_000_000L;

  private static final float JPEG_QUALITY = 0.9f;

  /**
   * A source is halved while an item would be drawn at less than this many output pixels per source
   * pixel, so that bilinear sampling, which reads only 2 x 2 pixels, never skips any.
   */
  private static final double MIN_SAMPLING_SCALE = 0.5;

  /**
   * Renders {@code scene} at {@code outputWidth} pixels wide and {@code round(outputWidth * height
   * / width)} high, the whole canvas scaled uniformly, as {@code TYPE_INT_RGB}.
   *
   * @param sources the images the layers name by {@link Layer#sourceKey()}; transparent parts of a
   *     source, such as a cutout's surroundings, let what is beneath show through
   * @throws IllegalArgumentException if a layer's source is missing or the size is out of range
   */
  public BufferedImage render(Scene scene, Map<String, BufferedImage> sources, int outputWidth) {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(sources, "sources");
    if (outputWidth < 1) {
      throw new IllegalArgumentException("outputWidth must be at least 1, not " + outputWidth);
    }
    long outputHeight =
        Math.max(1, Math.round((double) outputWidth * scene.height() / scene.width()));
    if (outputHeight * outputWidth > MAX_OUTPUT_PIXELS) {
      throw new IllegalArgumentException(
          "the output may have at most %d pixels, not %d x %d"
              .formatted(MAX_OUTPUT_PIXELS, outputWidth, outputHeight));
    }
    // One pyramid per source, shared by the layers that name it; layerPyramids follows layers.
    Map<String, Pyramid> pyramids = new HashMap<>();
    List<Pyramid> layerPyramids = new ArrayList<>(scene.layers().size());
    for (int i = 0; i < scene.layers().size(); i++) {
      String key = scene.layers().get(i).sourceKey();
      BufferedImage source = sources.get(key);
      if (source == null) {
        throw new IllegalArgumentException(
            "layers[" + i + "] names source '" + key + "', which was not given");
      }
      layerPyramids.add(pyramids.computeIfAbsent(key, k -> new Pyramid(source)));
    }

    double canvasScale = (double) outputWidth / scene.width();
    BufferedImage out =
        new BufferedImage(outputWidth, (int) outputHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      setQualityHints(g);
      g.setComposite(AlphaComposite.Src);
      g.setColor(scene.background());
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      for (int i = 0; i < scene.layers().size(); i++) {
        Layer layer = scene.layers().get(i);
        if (layer.opacity() > 0) {
          draw(g, layer, layerPyramids.get(i), canvasScale);
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Encodes a rendered picture as {@code "png"} or {@code "jpeg"} (quality 0.9); the bytes depend
   * only on the pixels.
   *
   * @throws IllegalArgumentException for another format, or a JPEG of an image with alpha
   */
  public byte[] encode(BufferedImage image, String format) {
    Objects.requireNonNull(image, "image");
    return switch (format) {
      case "png" -> ImageEncoder.png(image);
      case "jpeg" -> ImageEncoder.jpeg(image, JPEG_QUALITY);
      case null, default ->
          throw new IllegalArgumentException("format must be png or jpeg, not " + format);
    };
  }

  private static void draw(Graphics2D g, Layer layer, Pyramid pyramid, double canvasScale) {
    double itemScale = canvasScale * layer.scale();
    int level = pyramid.levelFor(itemScale);
    BufferedImage padded = pyramid.padded(level);
    BufferedImage source = pyramid.source();
    int levelWidth = padded.getWidth() - 2;
    int levelHeight = padded.getHeight() - 2;

    // Read right to left: centre the level's pixels on the origin, bring them back to the source's
    // size, scale and mirror, rotate, move to the item's centre, then scale the whole canvas.
    AffineTransform transform = AffineTransform.getScaleInstance(canvasScale, canvasScale);
    transform.translate(layer.x(), layer.y());
    rotateClockwise(transform, layer.rotationDegrees());
    transform.scale(layer.flipX() ? -layer.scale() : layer.scale(), layer.scale());
    transform.scale(
        (double) source.getWidth() / levelWidth, (double) source.getHeight() / levelHeight);
    transform.translate(-1 - levelWidth / 2.0, -1 - levelHeight / 2.0);

    g.setComposite(AlphaComposite.SrcOver.derive((float) layer.opacity()));
    g.drawImage(padded, transform, null);
  }

  /** Rotates exactly for multiples of 90 degrees, where sine and cosine would leave residues. */
  private static void rotateClockwise(AffineTransform transform, double degrees) {
    double normalised = degrees % 360;
    if (normalised % 90 == 0) {
      transform.quadrantRotate((int) (normalised / 90));
    } else {
      // With y pointing down, a positive angle turns clockwise on screen.
      transform.rotate(Math.toRadians(normalised));
    }
  }

  private static void setQualityHints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(
        RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
    g.setRenderingHint(
        RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
  }

  /**
   * One source image and its successive halvings, each framed by a transparent pixel, made on
   * demand for one render.
   *
   * <p>Java2D does not anti-alias the edges of a transformed image; the transparent frame makes
   * bilinear interpolation fade each edge over one source pixel instead, centred on the true edge.
   */
  private static final class Pyramid {

    private final List<BufferedImage> levels = new ArrayList<>();
    private final Map<Integer, BufferedImage> padded = new HashMap<>();

    Pyramid(BufferedImage source) {
      levels.add(source);
    }

    BufferedImage source() {
      return levels.getFirst();
    }

    /** The level to draw from when one source pixel becomes {@code scale} output pixels. */
    int levelFor(double scale) {
      int level = 0;
      double remaining = scale;
      while (remaining < MIN_SAMPLING_SCALE && canHalve(level)) {
        remaining *= 2;
        level++;
      }
      return level;
    }

    BufferedImage padded(int level) {
      return padded.computeIfAbsent(level, l -> framed(level(l)));
    }

    private boolean canHalve(int level) {
      BufferedImage image = level(level);
      return image.getWidth() > 1 || image.getHeight() > 1;
    }

    private BufferedImage level(int level) {
      while (levels.size() <= level) {
        levels.add(halved(levels.getLast()));
      }
      return levels.get(level);
    }

    /** Halves each side, rounding up; at exactly half, bilinear sampling averages 2 x 2 pixels. */
    private static BufferedImage halved(BufferedImage image) {
      int width = (image.getWidth() + 1) / 2;
      int height = (image.getHeight() + 1) / 2;
      BufferedImage half = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
      Graphics2D g = half.createGraphics();
      try {
        setQualityHints(g);
        g.setComposite(AlphaComposite.Src);
        g.drawImage(image, 0, 0, width, height, null);
      } finally {
        g.dispose();
      }
      return half;
    }

    private static BufferedImage framed(BufferedImage image) {
      BufferedImage framed =
          new BufferedImage(
              image.getWidth() + 2, image.getHeight() + 2, BufferedImage.TYPE_INT_ARGB_PRE);
      Graphics2D g = framed.createGraphics();
      try {
        g.setComposite(AlphaComposite.Src);
        g.drawImage(image, 1, 1, null);
      } finally {
        g.dispose();
      }
      return framed;
    }
  }
}
