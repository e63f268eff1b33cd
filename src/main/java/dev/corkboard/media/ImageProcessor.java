package dev.corkboard.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes JPEG, PNG, GIF and WebP bytes, renders Pinterest's JPEG variants and finds an image's
 * dominant colour; pure computation on byte arrays, safe to share between threads.
 */
final class ImageProcessor {

  /** The most pixels an accepted image may have; checked from its header, before decoding. */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  static final String NOT_AN_IMAGE = "not a JPEG, PNG, GIF or WebP image";
  static final String DAMAGED = "the image is damaged or truncated";

  private static final float JPEG_QUALITY = 0.85f;

  /** Samples per side of the grid the dominant colour is counted on. */
  private static final int COLOR_GRID = 64;

  /** Bits kept per channel when colours are counted: 3 gives 512 buckets. */
  private static final int COLOR_BITS = 3;

  /**
   * {@link #decodeForVariants} keeps at least this many times the pixels the largest variant needs,
   * so that the subsampled pixels are smoothed again by a real downscale.
   */
  private static final int SUBSAMPLING_MARGIN = 2;

  private final long maxPixels;

  public ImageProcessor() {
    this(DEFAULT_MAX_PIXELS);
  }

  ImageProcessor(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("max pixels must be positive");
    }
    this.maxPixels = maxPixels;
  }

  /** The format the bytes start like ({@code jpeg}, {@code png}, {@code gif}, {@code webp}). */
  static Optional<String> sniff(byte[] b) {
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of("jpeg");
    }
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of("png");
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8')
        && (startsWith(b, 4, '7', 'a') || startsWith(b, 4, '9', 'a'))) {
      return Optional.of("gif");
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of("webp");
    }
    return Optional.empty();
  }

  /**
   * Decodes the image at full resolution; a JPEG is turned as its EXIF orientation says; an
   * animated GIF or WebP gives its first frame.
   *
   * @throws InvalidImageException if the bytes are not a JPEG, PNG, GIF or WebP, do not decode, or
   *     have more than 100 megapixels
   */
  public DecodedImage decode(byte[] bytes) throws InvalidImageException {
    return decode(bytes, false);
  }

  /**
   * Decodes the image for {@link #variants}: like {@link #decode}, but a very large original may be
   * decoded with source subsampling (every n-th pixel), as long as at least twice the pixels the
   * 1200-pixel-wide variant and the 150 x 150 crop need are kept. That saves memory and time on
   * huge originals; the reported width and height stay the original's.
   */
  public DecodedImage decodeForVariants(byte[] bytes) throws InvalidImageException {
    return decode(bytes, true);
  }

  private DecodedImage decode(byte[] bytes, boolean forVariants) throws InvalidImageException {
    String format = sniff(bytes).orElseThrow(() -> new InvalidImageException(NOT_AN_IMAGE));
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        throw new InvalidImageException(DAMAGED);
      }
      if ((long) width * height > maxPixels) {
        throw new InvalidImageException(
            String.format(
                Locale.ROOT,
                "the image is %d x %d pixels, more than %d megapixels",
                width,
                height,
                maxPixels / 1_000_000));
      }
      ImageReadParam param = reader.getDefaultReadParam();
      int step = forVariants ? subsampling(width, height) : 1;
      if (step > 1) {
        param.setSourceSubsampling(step, step, 0, 0);
      }
      BufferedImage image = reader.read(0, param);
      int orientation = format.equals("jpeg") ? ExifOrientation.read(bytes) : 1;
      image = ExifOrientation.apply(image, orientation);
      boolean swap = ExifOrientation.swapsSides(orientation);
      return new DecodedImage(format, swap ? height : width, swap ? width : height, image);
    } catch (IOException | RuntimeException e) {
      // Readers throw IIOException on damaged data, but also runtime exceptions on hostile data.
      throw new InvalidImageException(DAMAGED, e);
    } finally {
      reader.dispose();
    }
  }

  /** The largest subsampling step that keeps twice the pixels every variant needs. */
  private static int subsampling(int width, int height) {
    int widest = 0;
    int square = 0;
    for (VariantSize size : VariantSize.values()) {
      VariantSize.Size out = size.outputSize(width, height);
      if (size == VariantSize.SQUARE_150) {
        square = out.width();
      } else {
        widest = Math.max(widest, out.width());
      }
    }
    int byWidth = width / (SUBSAMPLING_MARGIN * widest);
    int bySquare = Math.min(width, height) / (SUBSAMPLING_MARGIN * square);
    return Math.max(1, Math.min(byWidth, bySquare));
  }

  private static ImageReader readerFor(String format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format + " on the class path");
    }
    return readers.next();
  }

  /**
   * Renders every {@link VariantSize} of the image as JPEG, transparency flattened onto white, in
   * the order of {@link VariantSize#values()}.
   */
  public List<Variant> variants(DecodedImage decoded) {
    Pyramid pyramid = new Pyramid(onWhite(decoded.image()));
    List<Variant> variants = new ArrayList<>();
    for (VariantSize size : VariantSize.values()) {
      VariantSize.Size out = size.outputSize(decoded.width(), decoded.height());
      double[] region = size.sourceRegion(decoded.width(), decoded.height());
      BufferedImage level = pyramid.levelFor(region[2], region[3], out.width(), out.height());
      BufferedImage pixels = render(level, region, out.width(), out.height());
      variants.add(new Variant(size.key(), encodeJpeg(pixels), out.width(), out.height()));
    }
    return variants;
  }

  /**
   * The image's most common colour as {@code #RRGGBB}: colours on a grid of samples are counted in
   * coarse buckets, and the fullest bucket's average is returned. Transparent pixels are ignored;
   * an image without an opaque pixel gives white.
   */
  public String dominantColor(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int columns = Math.min(width, COLOR_GRID);
    int rows = Math.min(height, COLOR_GRID);
    int buckets = 1 << (3 * COLOR_BITS);
    int[] counts = new int[buckets];
    long[] reds = new long[buckets];
    long[] greens = new long[buckets];
    long[] blues = new long[buckets];
    int shift = 8 - COLOR_BITS;
    for (int row = 0; row < rows; row++) {
      int y = (int) ((row + 0.5) * height / rows);
      for (int column = 0; column < columns; column++) {
        int x = (int) ((column + 0.5) * width / columns);
        int argb = image.getRGB(x, y);
        if ((argb >>> 24) < 128) {
          continue;
        }
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        int bucket = (r >> shift) << (2 * COLOR_BITS) | (g >> shift) << COLOR_BITS | (b >> shift);
        counts[bucket]++;
        reds[bucket] += r;
        greens[bucket] += g;
        blues[bucket] += b;
      }
    }
    int best = 0;
    for (int bucket = 1; bucket < buckets; bucket++) {
      if (counts[bucket] > counts[best]) {
        best = bucket;
      }
    }
    int n = counts[best];
    if (n == 0) {
      return "#FFFFFF";
    }
    return String.format(
        Locale.ROOT,
        "#%02X%02X%02X",
        Math.round((double) reds[best] / n),
        Math.round((double) greens[best] / n),
        Math.round((double) blues[best] / n));
  }

  /**
   * The image with transparent parts laid on white; an opaque image as it is, since every drawing
   * step below writes opaque RGB anyway.
   */
  private static BufferedImage onWhite(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return image;
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The region (fractions of the level's size) scaled to the target: a bicubic step that shrinks by
   * less than half (the pyramid did the rest) or enlarges.
   */
  private static BufferedImage render(BufferedImage level, double[] region, int width, int height) {
    int sx = (int) Math.round(region[0] * level.getWidth());
    int sy = (int) Math.round(region[1] * level.getHeight());
    int sw =
        Math.max(
            1, Math.min(level.getWidth() - sx, (int) Math.round(region[2] * level.getWidth())));
    int sh =
        Math.max(
            1, Math.min(level.getHeight() - sy, (int) Math.round(region[3] * level.getHeight())));
    Object interpolation =
        sw == width && sh == height
            ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
            : RenderingHints.VALUE_INTERPOLATION_BICUBIC;
    return draw(level, sx, sy, sw, sh, width, height, interpolation);
  }

  private static BufferedImage draw(
      BufferedImage source,
      int sx,
      int sy,
      int sw,
      int sh,
      int width,
      int height,
      Object interpolation) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, sx, sy, sx + sw, sy + sh, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] encodeJpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a JPEG in memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static boolean startsWith(byte[] bytes, int offset, int... expected) {
    if (bytes.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((bytes[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Successive halvings of an image, each a 2 x 2 box average (bilinear at exactly half), made on
   * demand and shared by all variants, so no variant is ever drawn by a single large-ratio step.
   */
  private static final class Pyramid {

    private final List<BufferedImage> levels = new ArrayList<>();

    Pyramid(BufferedImage base) {
      levels.add(base);
    }

    /**
     * The smallest level on which a region of the given fractions still has at least the target's
     * pixels in both directions.
     */
    BufferedImage levelFor(double fractionWide, double fractionHigh, int width, int height) {
      int k = 0;
      while (true) {
        BufferedImage level = level(k);
        int halfWidth = level.getWidth() / 2;
        int halfHeight = level.getHeight() / 2;
        if (halfWidth < 1
            || halfHeight < 1
            || fractionWide * halfWidth < width
            || fractionHigh * halfHeight < height) {
          return level;
        }
        k++;
      }
    }

    private BufferedImage level(int k) {
      while (levels.size() <= k) {
        BufferedImage last = levels.getLast();
        int w = last.getWidth() / 2;
        int h = last.getHeight() / 2;
        levels.add(
            draw(last, 0, 0, 2 * w, 2 * h, w, h, RenderingHints.VALUE_INTERPOLATION_BILINEAR));
      }
      return levels.get(k);
    }
  }
}
