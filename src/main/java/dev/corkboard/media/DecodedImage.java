package dev.corkboard.media;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Set;

/**
 * A decoded image with its sniffed format and its size as displayed (after EXIF orientation).
 *
 * @param format {@code jpeg}, {@code png}, {@code gif} or {@code webp}
 * @param width the width of the original, in pixels, as displayed
 * @param height the height of the original, in pixels, as displayed
 * @param image the pixels; the same size as {@code width x height}, except after {@link
 *     ImageProcessor#decodeForVariants(byte[])}, which may subsample a very large original (the
 *     aspect ratio is kept)
 */
record DecodedImage(String format, int width, int height, BufferedImage image) {

  private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif", "webp");

  public DecodedImage {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be one of " + FORMATS + ", not " + format);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size must be positive, not " + width + "x" + height);
    }
    Objects.requireNonNull(image, "image");
  }

  /** The media type of the original bytes, for example {@code image/png}. */
  public String contentType() {
    return "image/" + format;
  }
}
