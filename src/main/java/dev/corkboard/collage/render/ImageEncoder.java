package dev.corkboard.collage.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes images as PNG or JPEG without metadata that varies between runs (no time, no comments),
 * so equal pixels always give equal bytes.
 */
final class ImageEncoder {

  private ImageEncoder() {}

  static byte[] png(BufferedImage image) {
    return write(image, "png", param -> {});
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    if (image.getColorModel().hasAlpha()) {
      throw new IllegalArgumentException(
          "a JPEG cannot hold transparency; flatten the image first");
    }
    return write(
        image,
        "jpeg",
        param -> {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionQuality(quality);
        });
  }

  /** Writes with the format's default parameters, as {@code settings} adjusts them. */
  private static byte[] write(
      BufferedImage image, String format, Consumer<ImageWriteParam> settings) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      settings.accept(param);
      writer.setOutput(out);
      // Null metadata: the writer fills in only what the pixels determine.
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a " + format + " image in memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
