package dev.corkboard.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Image fixtures drawn by the tests with Java2D, never downloaded. */
public final class Images {

  private Images() {}

  /** A solid image of one colour. */
  public static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** An image with a red left half and a blue right half. */
  public static BufferedImage halves(int width, int height) {
    BufferedImage image = solid(width, height, Color.RED);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  /** The image encoded in a format ImageIO writes: png, jpg or gif. */
  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A solid PNG of one colour. */
  public static byte[] png(int width, int height, Color color) {
    return encode(solid(width, height, color), "png");
  }

  /** Base64 of bytes, as image_base64 sources carry them. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Decodes served bytes back into an image. */
  public static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalStateException("not an image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
