package dev.corkboard.collage.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CollageRendererTest {

  private static final Color WHITE = Color.WHITE;
  private static final Color BLUE = new Color(0, 0, 255);
  private static final Color RED = new Color(255, 0, 0);
  private static final Color GREEN = new Color(0, 255, 0);
  private static final int TOLERANCE = 3;

  private final CollageRenderer renderer = new CollageRenderer();

  @Test
  void fillsAnEmptyCanvasWithTheBackground() {
    Color teal = new Color(0, 128, 128);

    BufferedImage out = renderer.render(new Scene(40, 30, teal, List.of()), Map.of(), 40);

    assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(out.getWidth()).isEqualTo(40);
    assertThat(out.getHeight()).isEqualTo(30);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        assertThat(out.getRGB(x, y)).as("(%d, %d)", x, y).isEqualTo(teal.getRGB());
      }
    }
  }

  @Test
  void drawsAnItemCentredOnItsPosition() {
    BufferedImage out = render(blueBar(), layer("bar"));

    // The bar covers x 150..250 and y 125..175; its edges fall on pixel boundaries.
    assertColor(out, 200, 150, BLUE);
    assertColor(out, 150, 125, BLUE);
    assertColor(out, 249, 174, BLUE);
    assertColor(out, 149, 150, WHITE);
    assertColor(out, 250, 150, WHITE);
    assertColor(out, 200, 124, WHITE);
    assertColor(out, 200, 175, WHITE);
  }

  @Test
  void scaleTwoDoublesTheItemsExtent() {
    BufferedImage out = render(blueBar(), layer("bar").withScale(2));

    // Now x 100..300 and y 100..200.
    assertColor(out, 105, 150, BLUE);
    assertColor(out, 295, 150, BLUE);
    assertColor(out, 200, 105, BLUE);
    assertColor(out, 200, 195, BLUE);
    assertColor(out, 95, 150, WHITE);
    assertColor(out, 200, 95, WHITE);
  }

  @Test
  void rotationBy90DegreesSwapsTheItemsExtent() {
    BufferedImage out = render(blueBar(), layer("bar").withRotation(90));

    // Now x 175..225 and y 100..200: inside only when rotated, and outside only when rotated.
    assertColor(out, 200, 105, BLUE);
    assertColor(out, 200, 195, BLUE);
    assertColor(out, 160, 150, WHITE);
    assertColor(out, 240, 150, WHITE);
  }

  @Test
  void rotatesClockwise() {
    BufferedImage out = render(redLeftGreenRight(), layer("halves").withRotation(90));

    // Clockwise, the left half ends up on top.
    assertColor(out, 200, 115, RED);
    assertColor(out, 200, 185, GREEN);
  }

  @Test
  void drawsUnflippedHalvesInPlace() {
    BufferedImage out = render(redLeftGreenRight(), layer("halves"));

    assertColor(out, 170, 150, RED);
    assertColor(out, 230, 150, GREEN);
  }

  @Test
  void flipXSwapsLeftAndRight() {
    BufferedImage out = render(redLeftGreenRight(), layer("halves").flipped());

    assertColor(out, 170, 150, GREEN);
    assertColor(out, 230, 150, RED);
  }

  @Test
  void flipsBeforeRotating() {
    BufferedImage out = render(redLeftGreenRight(), layer("halves").flipped().withRotation(90));

    // Flipped, green is on the left; turned clockwise, the left is on top.
    assertColor(out, 200, 115, GREEN);
    assertColor(out, 200, 185, RED);
  }

  @Test
  void halfOpacityBlackOnWhiteGivesMidGrey() {
    BufferedImage out = render(solid(100, 50, Color.BLACK), layer("bar").withOpacity(0.5));

    assertColor(out, 200, 150, new Color(127, 127, 127));
    assertColor(out, 100, 150, WHITE);
  }

  @Test
  void laterLayersCoverEarlierOnes() {
    Scene scene =
        new Scene(
            400, 300, WHITE, List.of(layer("red").build(), layer("blue").at(230, 150).build()));

    BufferedImage out =
        renderer.render(
            scene, Map.of("red", solid(100, 50, RED), "blue", solid(100, 50, BLUE)), 400);

    assertColor(out, 160, 150, RED);
    assertColor(out, 240, 150, BLUE);
    assertColor(out, 270, 150, BLUE);
  }

  @Test
  void scalesTheWholeCanvasToTheOutputWidth() {
    Scene scene = new Scene(400, 300, WHITE, List.of(layer("bar").build()));

    BufferedImage out = renderer.render(scene, Map.of("bar", blueBar()), 200);

    assertThat(out.getWidth()).isEqualTo(200);
    assertThat(out.getHeight()).isEqualTo(150);
    // Canvas points halved: the bar now covers x 75..125 and y 62.5..87.5.
    assertColor(out, 100, 75, BLUE);
    assertColor(out, 77, 65, BLUE);
    assertColor(out, 122, 85, BLUE);
    assertColor(out, 72, 75, WHITE);
    assertColor(out, 100, 60, WHITE);
    assertColor(out, 100, 89, WHITE);
  }

  @Test
  void shrinksFarSmallerItemsWithoutLosingTheirColour() {
    BufferedImage stripes = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 400; x++) {
        stripes.setRGB(x, y, x % 2 == 0 ? 0xFFFFFF : 0x000000);
      }
    }

    BufferedImage out = render(stripes, layer("bar").withScale(0.13));

    // The item covers x 174..226; sampling only 2 x 2 pixels at 0.13 would land near black or
    // near white at some pixels, while averaging all of them gives grey everywhere.
    for (int x = 178; x <= 222; x++) {
      assertThat(new Color(out.getRGB(x, 150)).getRed()).as("red at x = %d", x).isBetween(100, 155);
    }
  }

  @Test
  void antiAliasesTheEdgesOfARotatedItem() {
    BufferedImage out = render(solid(100, 100, BLUE), layer("bar").withRotation(45));

    // A diamond with |x - 200| + |y - 150| <= 70.7; on row 115 its edge crosses x = 236.2.
    int blends = 0;
    for (int x = 230; x <= 242; x++) {
      int red = new Color(out.getRGB(x, 115)).getRed();
      if (red > 30 && red < 225) {
        blends++;
      }
    }
    assertThat(blends).isPositive();
    assertColor(out, 230, 115, BLUE);
    assertColor(out, 242, 115, WHITE);
  }

  @Test
  void showsTheBackgroundThroughTransparentPartsOfACutout() {
    BufferedImage cutout = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = cutout.createGraphics();
    g.setColor(BLUE);
    g.fillRect(50, 0, 50, 50);
    g.dispose();

    BufferedImage out = render(cutout, layer("bar"));

    assertColor(out, 170, 150, WHITE);
    assertColor(out, 230, 150, BLUE);
  }

  @Test
  void multipliesACutoutsAlphaByTheLayersOpacity() {
    BufferedImage cutout = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = cutout.createGraphics();
    g.setComposite(AlphaComposite.Src);
    g.setColor(new Color(0, 0, 0, 128));
    g.fillRect(0, 0, 100, 50);
    g.dispose();

    BufferedImage out = render(cutout, layer("bar").withOpacity(0.5));

    // A quarter of black over white.
    assertColor(out, 200, 150, new Color(191, 191, 191));
  }

  @Test
  void givesIdenticalPngAndJpegBytesForIdenticalInputs() throws Exception {
    Scene scene =
        new Scene(
            400,
            300,
            new Color(250, 240, 230),
            List.of(
                layer("halves").withRotation(30).withScale(1.7).build(),
                layer("bar").at(120, 80).withRotation(-12.5).flipped().withOpacity(0.7).build()));
    Map<String, BufferedImage> sources = Map.of("halves", redLeftGreenRight(), "bar", blueBar());

    BufferedImage first = renderer.render(scene, sources, 333);
    BufferedImage second = new CollageRenderer().render(scene, sources, 333);

    byte[] png = renderer.encode(first, "png");
    byte[] jpeg = renderer.encode(first, "jpeg");
    assertThat(renderer.encode(second, "png")).isEqualTo(png);
    assertThat(renderer.encode(second, "jpeg")).isEqualTo(jpeg);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(decoded.getRGB(0, 0, 333, 250, null, 0, 333))
        .isEqualTo(first.getRGB(0, 0, 333, 250, null, 0, 333));
    assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(333);
  }

  @Test
  void rejectsAMissingSource() {
    Scene scene = new Scene(400, 300, WHITE, List.of(layer("nowhere").build()));

    assertThatThrownBy(() -> renderer.render(scene, Map.of("bar", blueBar()), 400))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layers[0]")
        .hasMessageContaining("'nowhere'");
  }

  @Test
  void rejectsOutputsOutOfRange() {
    Scene empty = new Scene(400, 300, WHITE, List.of());
    Scene tall = new Scene(1, 1_000_000, WHITE, List.of());

    assertThatThrownBy(() -> renderer.render(empty, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outputWidth must be at least 1");
    assertThatThrownBy(() -> renderer.render(tall, Map.of(), 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 50000000 pixels");
  }

  @Test
  void rejectsUnknownFormatsAndTransparentJpeg() {
    BufferedImage transparent = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);

    assertThatThrownBy(() -> renderer.encode(transparent, "gif"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format must be png or jpeg");
    assertThatThrownBy(() -> renderer.encode(transparent, "jpeg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transparency");
  }

  @Test
  void rejectsInvalidLayersAndDocuments() {
    assertThatThrownBy(() -> layer("bar").withOpacity(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opacity");
    assertThatThrownBy(() -> layer("bar").withScale(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> layer("bar").at(Double.NaN, 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x must be a finite number");
    assertThatThrownBy(() -> new Scene(0, 300, WHITE, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new Scene(400, 300, new Color(0, 0, 0, 0), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opaque");
  }

  private BufferedImage render(BufferedImage source, LayerFixture layer) {
    Scene scene = new Scene(400, 300, WHITE, List.of(layer.build()));
    return renderer.render(scene, Map.of(layer.key, source), 400);
  }

  private static LayerFixture layer(String key) {
    return new LayerFixture(key, 200, 150, 1, 0, false, 1);
  }

  /** A layer centred on a 400 x 300 canvas, changed one property at a time. */
  private record LayerFixture(
      String key, double x, double y, double scale, double rotation, boolean flip, double opacity) {

    LayerFixture at(double newX, double newY) {
      return new LayerFixture(key, newX, newY, scale, rotation, flip, opacity);
    }

    LayerFixture withScale(double newScale) {
      return new LayerFixture(key, x, y, newScale, rotation, flip, opacity);
    }

    LayerFixture withRotation(double degrees) {
      return new LayerFixture(key, x, y, scale, degrees, flip, opacity);
    }

    LayerFixture flipped() {
      return new LayerFixture(key, x, y, scale, rotation, true, opacity);
    }

    LayerFixture withOpacity(double newOpacity) {
      return new LayerFixture(key, x, y, scale, rotation, flip, newOpacity);
    }

    Layer build() {
      return new Layer(key, x, y, scale, rotation, flip, opacity);
    }
  }

  private static BufferedImage blueBar() {
    return solid(100, 50, BLUE);
  }

  private static BufferedImage redLeftGreenRight() {
    BufferedImage image = solid(100, 50, RED);
    Graphics2D g = image.createGraphics();
    g.setColor(GREEN);
    g.fillRect(50, 0, 50, 50);
    g.dispose();
    return image;
  }

  private static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static void assertColor(BufferedImage image, int x, int y, Color expected) {
    Color actual = new Color(image.getRGB(x, y));
    int difference =
        Math.max(
            Math.abs(actual.getRed() - expected.getRed()),
            Math.max(
                Math.abs(actual.getGreen() - expected.getGreen()),
                Math.abs(actual.getBlue() - expected.getBlue())));
    assertThat(difference)
        .as("colour at (%d, %d) was %s, expected about %s", x, y, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE);
  }
}
