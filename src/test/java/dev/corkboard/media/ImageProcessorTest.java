package dev.corkboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageProcessorTest {

  private static final Color RED = new Color(255, 0, 0);
  private static final Color BLUE = new Color(0, 0, 255);

  private final ImageProcessor processor = new ImageProcessor();

  @Test
  void decodesPng() throws Exception {
    DecodedImage image = processor.decode(encode(solid(30, 20, BLUE), "png"));

    assertThat(image.format()).isEqualTo("png");
    assertThat(image.contentType()).isEqualTo("image/png");
    assertThat(size(image)).containsExactly(30, 20);
    assertThat(new Color(image.image().getRGB(15, 10))).isEqualTo(BLUE);
  }

  @Test
  void decodesJpeg() throws Exception {
    DecodedImage image = processor.decode(encode(solid(30, 20, BLUE), "jpeg"));

    assertThat(image.format()).isEqualTo("jpeg");
    assertThat(size(image)).containsExactly(30, 20);
    assertClose(new Color(image.image().getRGB(15, 10)), BLUE);
  }

  @Test
  void decodesGif() throws Exception {
    DecodedImage image = processor.decode(encode(solid(30, 20, RED), "gif"));

    assertThat(image.format()).isEqualTo("gif");
    assertThat(size(image)).containsExactly(30, 20);
    assertThat(new Color(image.image().getRGB(15, 10))).isEqualTo(RED);
  }

  @Test
  void decodesLosslessWebp() throws Exception {
    DecodedImage image = processor.decode(solidWebp(7, 5, 0xFF336699));

    assertThat(image.format()).isEqualTo("webp");
    assertThat(size(image)).containsExactly(7, 5);
    assertThat(image.image().getRGB(3, 2)).isEqualTo(0xFF336699);
  }

  @Test
  void webpAndTwelveMonkeysJpegReadersAreRegistered() {
    // No WebP encoder ships with ImageIO or TwelveMonkeys, hence the hand-made file above.
    assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isTrue();
    // TwelveMonkeys' JPEG reader must win over the JDK's: it also reads CMYK and YCCK JPEGs.
    assertThat(ImageIO.getImageReadersByFormatName("jpeg").next().getClass().getName())
        .startsWith("com.twelvemonkeys.");
  }

  @Test
  void refusesBytesOfOtherFormats() throws Exception {
    List<byte[]> notImages =
        List.of(
            new byte[0],
            "<html>hello</html>".getBytes(StandardCharsets.UTF_8),
            encode(solid(4, 4, RED), "bmp"),
            new byte[] {(byte) 0xFF, (byte) 0xD8});

    for (byte[] bytes : notImages) {
      assertThatThrownBy(() -> processor.decode(bytes))
          .isInstanceOf(InvalidImageException.class)
          .hasMessage("not a JPEG, PNG, GIF or WebP image");
    }
  }

  @Test
  void refusesGarbageBehindAMagicNumber() {
    byte[] garbage = new byte[200];
    Arrays.fill(garbage, (byte) 0x5A);
    System.arraycopy(new byte[] {'G', 'I', 'F', '8', '9', 'a'}, 0, garbage, 0, 6);
    garbage[6] = 0;
    garbage[7] = 0; // width 0

    assertThatThrownBy(() -> processor.decode(garbage))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("the image is damaged or truncated");
  }

  @Test
  void refusesTruncatedPng() throws Exception {
    byte[] png = encode(stripes(200, 200), "png");
    byte[] truncated = Arrays.copyOf(png, png.length / 2);

    assertThatThrownBy(() -> processor.decode(truncated))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("the image is damaged or truncated");
  }

  @Test
  void refusesMoreThanOneHundredMegapixelsFromTheHeaderAlone() throws Exception {
    // The header claims 20000 x 20000 while the data holds 10 x 10 pixels: decoding would fail as
    // damaged, so this message shows the size was refused before any pixel was read.
    byte[] bomb = withPngSize(encode(solid(10, 10, RED), "png"), 20_000, 20_000);

    assertThatThrownBy(() -> processor.decode(bomb))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("the image is 20000 x 20000 pixels, more than 100 megapixels");
  }

  @Test
  void landscapeVariantsKeepTheAspectRatio() throws Exception {
    List<Variant> variants =
        processor.variants(processor.decode(encode(stripes(1600, 900), "png")));

    assertThat(sizes(variants))
        .containsExactly("150x150 150x150", "400x300 400x225", "600x 600x338", "1200x 1200x675");
  }

  @Test
  void portraitVariantsKeepTheAspectRatio() throws Exception {
    List<Variant> variants =
        processor.variants(processor.decode(encode(stripes(900, 1600), "png")));

    assertThat(sizes(variants))
        .containsExactly("150x150 150x150", "400x300 169x300", "600x 600x1067", "1200x 900x1600");
  }

  @Test
  void smallOriginalsAreNotEnlargedExceptForTheSquare() throws Exception {
    List<Variant> variants = processor.variants(processor.decode(encode(stripes(120, 80), "png")));

    assertThat(sizes(variants))
        .containsExactly("150x150 150x150", "400x300 120x80", "600x 120x80", "1200x 120x80");
  }

  @Test
  void squareVariantsStaySquare() throws Exception {
    List<Variant> variants =
        processor.variants(processor.decode(encode(stripes(1000, 1000), "png")));

    assertThat(sizes(variants))
        .containsExactly("150x150 150x150", "400x300 300x300", "600x 600x600", "1200x 1000x1000");
  }

  @Test
  void variantsAreJpegsOfTheReportedSize() throws Exception {
    for (Variant variant : processor.variants(processor.decode(encode(stripes(700, 500), "gif")))) {
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(variant.jpeg()));

      assertThat(ImageProcessor.sniff(variant.jpeg())).contains("jpeg");
      assertThat(new int[] {decoded.getWidth(), decoded.getHeight()})
          .containsExactly(variant.width(), variant.height());
    }
  }

  @Test
  void squareCropTakesTheCentre() throws Exception {
    // Red on the left and right thirds, blue in the middle square.
    BufferedImage image = solid(900, 300, RED);
    Graphics2D g = image.createGraphics();
    g.setColor(BLUE);
    g.fillRect(300, 0, 300, 300);
    g.dispose();

    Variant square = variant(processor.variants(processor.decode(encode(image, "png"))), "150x150");
    BufferedImage crop = ImageIO.read(new ByteArrayInputStream(square.jpeg()));

    assertClose(new Color(crop.getRGB(75, 75)), BLUE);
    assertClose(new Color(crop.getRGB(2, 2)), BLUE);
    assertClose(new Color(crop.getRGB(147, 147)), BLUE);
  }

  @Test
  void downscalingAveragesPixelsInsteadOfPickingThem() throws Exception {
    // One-pixel black and white stripes: any nearest-neighbour pick gives black or white.
    List<Variant> variants =
        processor.variants(processor.decode(encode(stripes(2500, 1800), "png")));

    for (Variant variant : variants) {
      BufferedImage scaled = ImageIO.read(new ByteArrayInputStream(variant.jpeg()));
      Color centre = new Color(scaled.getRGB(variant.width() / 2, variant.height() / 2));
      assertThat(centre.getGreen()).as(variant.key()).isBetween(100, 155);
    }
  }

  @Test
  void transparencyIsFlattenedOntoWhite() throws Exception {
    BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(80, 80, 40, 40);
    g.dispose();

    Variant square = variant(processor.variants(processor.decode(encode(image, "png"))), "150x150");
    BufferedImage flat = ImageIO.read(new ByteArrayInputStream(square.jpeg()));

    assertClose(new Color(flat.getRGB(5, 5)), Color.WHITE);
    assertClose(new Color(flat.getRGB(75, 75)), Color.BLACK);
  }

  @Test
  void decodeForVariantsSubsamplesHugeOriginalsButReportsTheirSize() throws Exception {
    byte[] png = encode(grey(6000, 1000), "png");

    DecodedImage reduced = processor.decodeForVariants(png);
    DecodedImage full = processor.decode(png);

    assertThat(size(reduced)).containsExactly(6000, 1000);
    assertThat(reduced.image().getWidth()).isEqualTo(3000);
    assertThat(full.image().getWidth()).isEqualTo(6000);
    assertThat(sizes(processor.variants(reduced))).isEqualTo(sizes(processor.variants(full)));
  }

  @Test
  void decodeForVariantsKeepsMediumOriginalsWhole() throws Exception {
    DecodedImage image = processor.decodeForVariants(encode(grey(4000, 3000), "jpeg"));

    assertThat(image.image().getWidth()).isEqualTo(4000);
  }

  @Test
  void exifOrientationSixTurnsTheImageClockwise() throws Exception {
    DecodedImage image = processor.decode(withExifOrientation(halves(40, 20), 6));

    assertThat(size(image)).containsExactly(20, 40);
    assertThat(new int[] {image.image().getWidth(), image.image().getHeight()})
        .containsExactly(20, 40);
    assertClose(new Color(image.image().getRGB(10, 5)), RED);
    assertClose(new Color(image.image().getRGB(10, 34)), BLUE);
  }

  @Test
  void exifOrientationEightTurnsTheImageAnticlockwise() throws Exception {
    DecodedImage image = processor.decode(withExifOrientation(halves(40, 20), 8));

    assertThat(size(image)).containsExactly(20, 40);
    assertClose(new Color(image.image().getRGB(10, 5)), BLUE);
    assertClose(new Color(image.image().getRGB(10, 34)), RED);
  }

  @Test
  void exifOrientationOneLeavesTheImageAsStored() throws Exception {
    DecodedImage image = processor.decode(withExifOrientation(halves(40, 20), 1));

    assertThat(size(image)).containsExactly(40, 20);
    assertClose(new Color(image.image().getRGB(5, 10)), RED);
  }

  @Test
  void dominantColorOfASolidImageIsThatColour() {
    assertThat(processor.dominantColor(solid(50, 40, RED))).isEqualTo("#FF0000");
    assertThat(processor.dominantColor(solid(500, 400, new Color(12, 34, 56))))
        .isEqualTo("#0C2238");
  }

  @Test
  void dominantColorIsTheMostCommonColourNotTheAverage() {
    BufferedImage image = solid(100, 100, new Color(0, 160, 0));
    Graphics2D g = image.createGraphics();
    g.setColor(RED);
    g.fillRect(0, 0, 100, 30);
    g.dispose();

    assertThat(processor.dominantColor(image)).isEqualTo("#00A000");
  }

  @Test
  void dominantColorIgnoresTransparentPixels() {
    BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0, 0, 255, 0));
    g.fillRect(0, 0, 100, 100);
    g.setColor(RED);
    g.fillRect(40, 40, 20, 20);
    g.dispose();

    assertThat(processor.dominantColor(image)).isEqualTo("#FF0000");
  }

  // --- fixtures ---

  private static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Alternating one-pixel black and white columns. */
  private static BufferedImage stripes(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    for (int x = 0; x < width; x += 2) {
      g.fillRect(x, 0, 1, height);
    }
    g.dispose();
    return image;
  }

  private static BufferedImage grey(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Red on the left half, blue on the right half. */
  private static BufferedImage halves(int width, int height) {
    BufferedImage image = solid(width, height, RED);
    Graphics2D g = image.createGraphics();
    g.setColor(BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The PNG with its IHDR claiming another size (and a CRC to match). */
  private static byte[] withPngSize(byte[] png, int width, int height) {
    byte[] patched = png.clone();
    ByteBuffer header = ByteBuffer.wrap(patched); // big-endian, as PNG
    // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC
    header.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(patched, 12, 17);
    header.putInt(29, (int) crc.getValue());
    return patched;
  }

  /** A baseline JPEG of the image with an EXIF block holding only the orientation tag. */
  private static byte[] withExifOrientation(BufferedImage image, int orientation) {
    byte[] jpeg = encode(image, "jpeg");
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xFF);
    out.write(0xE1);
    out.write((exif.length + 2) >> 8);
    out.write((exif.length + 2) & 0xFF);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * A lossless WebP of one colour, written by hand: a VP8L stream whose five prefix codes each have
   * a single symbol, so every pixel takes zero bits.
   */
  private static byte[] solidWebp(int width, int height, int argb) {
    BitWriter bits = new BitWriter();
    bits.write(0x2F, 8); // VP8L signature
    bits.write(width - 1, 14);
    bits.write(height - 1, 14);
    bits.write(1, 1); // alpha is used
    bits.write(0, 3); // version
    bits.write(0, 1); // no transform
    bits.write(0, 1); // no colour cache
    bits.write(0, 1); // no meta prefix codes
    int[] symbols = {(argb >> 8) & 0xFF, (argb >> 16) & 0xFF, argb & 0xFF, argb >>> 24, 0};
    for (int symbol : symbols) { // green, red, blue, alpha, distance
      bits.write(1, 1); // simple code
      bits.write(0, 1); // one symbol
      if (symbol < 2) {
        bits.write(0, 1);
        bits.write(symbol, 1);
      } else {
        bits.write(1, 1);
        bits.write(symbol, 8);
      }
    }
    // TwelveMonkeys' bit reader fills its buffer eight bytes at a time, so a stream this short is
    // padded with zero bytes, which a decoder never reaches.
    byte[] stream = bits.bytes();
    byte[] vp8l = Arrays.copyOf(stream, stream.length + 8);
    int padded = vp8l.length + (vp8l.length & 1);
    ByteBuffer riff = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded);
    riff.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    riff.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length).put(vp8l);
    return riff.array();
  }

  /** Packs bits least significant first, as VP8L reads them. */
  private static final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    void write(int value, int count) {
      for (int i = 0; i < count; i++) {
        current |= ((value >> i) & 1) << used;
        if (++used == 8) {
          out.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] bytes() {
      if (used > 0) {
        out.write(current);
        current = 0;
        used = 0;
      }
      return out.toByteArray();
    }
  }

  private static int[] size(DecodedImage image) {
    return new int[] {image.width(), image.height()};
  }

  private static List<String> sizes(List<Variant> variants) {
    return variants.stream().map(v -> v.key() + " " + v.width() + "x" + v.height()).toList();
  }

  private static Variant variant(List<Variant> variants, String key) {
    return variants.stream().filter(v -> v.key().equals(key)).findFirst().orElseThrow();
  }

  /** JPEG is lossy: colours are compared within a few levels per channel. */
  private static void assertClose(Color actual, Color expected) {
    int worst =
        Math.max(
            Math.abs(actual.getRed() - expected.getRed()),
            Math.max(
                Math.abs(actual.getGreen() - expected.getGreen()),
                Math.abs(actual.getBlue() - expected.getBlue())));
    assertThat(worst).as("%s close to %s", actual, expected).isLessThanOrEqualTo(24);
  }
}
