package dev.corkboard.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Reads the EXIF orientation tag of a JPEG and turns decoded pixels the way a camera meant them to
 * be shown.
 */
final class ExifOrientation {

  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifOrientation() {}

  /**
   * The orientation (1 to 8) in the JPEG's first EXIF block, or 1 (as stored) when there is none or
   * it cannot be read; a damaged EXIF block never fails a decode.
   */
  static int read(byte[] jpeg) {
    int i = 2; // after SOI
    while (i + 4 <= jpeg.length) {
      if ((jpeg[i] & 0xFF) != 0xFF) {
        return 1;
      }
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) { // start of scan or end of image: no EXIF before it
        return 1;
      }
      int length = u16(jpeg, i + 2, true);
      if (length < 2 || i + 2 + length > jpeg.length) {
        return 1;
      }
      if (marker == 0xE1 && startsWithExif(jpeg, i + 4, length - 2)) {
        return orientationInTiff(jpeg, i + 10, length - 8);
      }
      i += 2 + length;
    }
    return 1;
  }

  /** Whether the orientation swaps width and height. */
  static boolean swapsSides(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The image turned and mirrored as the orientation says; the image itself for orientation 1. */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    double w = image.getWidth();
    double h = image.getHeight();
    // Each maps a stored pixel (x, y) to where it is shown (m00 x + m01 y + m02, m10 x + m11 y +
    // m12).
    AffineTransform t =
        switch (orientation) {
          case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
          case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
          case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
          case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
          case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turn 90 degrees clockwise
          case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
          default -> new AffineTransform(0, -1, 1, 0, 0, w); // 8: turn 90 degrees anticlockwise
        };
    boolean swap = swapsSides(orientation);
    int outWidth = swap ? image.getHeight() : image.getWidth();
    int outHeight = swap ? image.getWidth() : image.getHeight();
    BufferedImage out =
        new BufferedImage(
            outWidth,
            outHeight,
            image.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(image, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static boolean startsWithExif(byte[] b, int offset, int length) {
    return length >= 6
        && b[offset] == 'E'
        && b[offset + 1] == 'x'
        && b[offset + 2] == 'i'
        && b[offset + 3] == 'f'
        && b[offset + 4] == 0
        && b[offset + 5] == 0;
  }

  /** The orientation in IFD0 of the TIFF structure at {@code b[start, start + length)}. */
  private static int orientationInTiff(byte[] b, int start, int length) {
    int end = start + length;
    if (length < 8) {
      return 1;
    }
    boolean bigEndian;
    if (b[start] == 'M' && b[start + 1] == 'M') {
      bigEndian = true;
    } else if (b[start] == 'I' && b[start + 1] == 'I') {
      bigEndian = false;
    } else {
      return 1;
    }
    if (u16(b, start + 2, bigEndian) != 42) {
      return 1;
    }
    long ifd = u32(b, start + 4, bigEndian);
    if (ifd < 8 || start + ifd + 2 > end) {
      return 1;
    }
    int entries = start + (int) ifd;
    int count = u16(b, entries, bigEndian);
    for (int n = 0; n < count; n++) {
      int entry = entries + 2 + n * 12;
      if (entry + 12 > end) {
        return 1;
      }
      if (u16(b, entry, bigEndian) == ORIENTATION_TAG) {
        if (u16(b, entry + 2, bigEndian) != TYPE_SHORT) {
          return 1;
        }
        int value = u16(b, entry + 8, bigEndian);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int i, boolean bigEndian) {
    int first = b[i] & 0xFF;
    int second = b[i + 1] & 0xFF;
    return bigEndian ? first << 8 | second : second << 8 | first;
  }

  private static long u32(byte[] b, int i, boolean bigEndian) {
    long high = u16(b, bigEndian ? i : i + 2, bigEndian);
    long low = u16(b, bigEndian ? i + 2 : i, bigEndian);
    return high << 16 | low;
  }
}
