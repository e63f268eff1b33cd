package dev.corkboard.collage.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CutoutMakerTest {

  private static final int RED = 0xFF_FF0000;

  private final CutoutMaker maker = new CutoutMaker();

  /** Right angle at the top left; the hypotenuse runs from (90, 10) to (10, 90) on 100 x 100. */
  private static List<Point> triangle() {
    return List.of(new Point(0.1, 0.1), new Point(0.9, 0.1), new Point(0.1, 0.9));
  }

  @Test
  void cropsTriangleToItsBoundingBox() {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), triangle());

    assertThat(cutout.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    assertThat(cutout.getWidth()).isEqualTo(80);
    assertThat(cutout.getHeight()).isEqualTo(80);
  }

  @Test
  void keepsPixelsWellInsideOpaqueInTheirColour() {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), triangle());

    assertThat(cutout.getRGB(20, 20)).isEqualTo(RED);
    assertThat(cutout.getRGB(1, 1)).isEqualTo(RED);
  }

  @Test
  void makesPixelsOutsideFullyTransparent() {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), triangle());

    assertThat(alpha(cutout, 79, 79)).isZero();
    assertThat(alpha(cutout, 60, 60)).isZero();
  }

  @Test
  void antiAliasesTheDiagonalEdge() {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), triangle());

    // The hypotenuse is x + y = 80 in the cutout; pixel (40, 39) has its centre on it.
    assertThat(alpha(cutout, 40, 39)).isBetween(64, 192);
    assertThat(cutout.getRGB(40, 39) & 0xFF_FFFF).isEqualTo(0xFF0000);
  }

  @Test
  void givesBackTheWholeImageForAPolygonCoveringIt() {
    BufferedImage source = quarters(40, 30);

    BufferedImage cutout =
        maker.cut(
            source, List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1)));

    assertThat(cutout.getWidth()).isEqualTo(40);
    assertThat(cutout.getHeight()).isEqualTo(30);
    assertThat(pixels(cutout)).isEqualTo(pixels(source));
  }

  @Test
  void readsXAsAFractionOfWidthAndYOfHeight() {
    BufferedImage source = quarters(200, 100);

    BufferedImage cutout =
        maker.cut(
            source,
            List.of(new Point(0.5, 0.5), new Point(1, 0.5), new Point(1, 1), new Point(0.5, 1)));

    assertThat(cutout.getWidth()).isEqualTo(100);
    assertThat(cutout.getHeight()).isEqualTo(50);
    assertThat(cutout.getRGB(0, 0)).isEqualTo(Color.YELLOW.getRGB());
    assertThat(cutout.getRGB(99, 49)).isEqualTo(Color.YELLOW.getRGB());
  }

  @Test
  void multipliesTheSourcesOwnAlpha() {
    BufferedImage source = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
    fill(source, new Color(0, 0, 255, 100));

    BufferedImage cutout =
        maker.cut(
            source, List.of(new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1)));

    assertThat(cutout.getRGB(5, 5)).isEqualTo(100 << 24 | 0x0000FF);
  }

  @Test
  void acceptsAThousandPoints() {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), circle(1000));

    assertThat(cutout.getRGB(50, 50)).isEqualTo(RED);
    assertThat(alpha(cutout, 0, 0)).isZero();
  }

  @Test
  void encodesPngThatDecodesToTheSamePixels() throws Exception {
    BufferedImage cutout = maker.cut(solid(100, 100, Color.RED), triangle());

    byte[] png = maker.png(cutout);

    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(decoded.getColorModel().hasAlpha()).isTrue();
    assertThat(pixels(decoded)).isEqualTo(pixels(cutout));
    assertThat(maker.png(cutout)).isEqualTo(png);
  }

  @Test
  void rejectsTwoPoints() {
    assertRejected(List.of(new Point(0, 0), new Point(1, 1)), "between 3 and 1000 points");
  }

  @Test
  void rejectsAThousandAndOnePoints() {
    assertRejected(circle(1001), "between 3 and 1000 points");
  }

  @Test
  void rejectsNegativeCoordinate() {
    assertRejected(
        List.of(new Point(0, 0), new Point(-0.1, 1), new Point(1, 1)),
        "polygon[1].x must be a number from 0 to 1");
  }

  @Test
  void rejectsCoordinateAboveOne() {
    assertRejected(
        List.of(new Point(0, 0), new Point(1, 1), new Point(0.5, 1.1)),
        "polygon[2].y must be a number from 0 to 1");
  }

  @Test
  void rejectsNaN() {
    assertRejected(
        List.of(new Point(Double.NaN, 0), new Point(1, 1), new Point(0, 1)),
        "polygon[0].x must be a number from 0 to 1");
  }

  @Test
  void rejectsPolygonWithoutArea() {
    assertRejected(
        List.of(new Point(0.2, 0.5), new Point(0.5, 0.5), new Point(0.8, 0.5)),
        "must enclose an area");
  }

  @Test
  void rejectsMissingPolygon() {
    assertRejected(null, "polygon is required");
    assertRejected(Collections.nCopies(3, null), "polygon[0] is required");
  }

  private void assertRejected(List<Point> polygon, String message) {
    assertThatThrownBy(() -> maker.cut(solid(100, 100, Color.RED), polygon))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static List<Point> circle(int points) {
    List<Point> circle = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      double angle = 2 * Math.PI * i / points;
      circle.add(new Point(0.5 + 0.4 * Math.cos(angle), 0.5 + 0.4 * Math.sin(angle)));
    }
    return circle;
  }

  private static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    fill(image, color);
    return image;
  }

  /** Red, green, yellow and blue quarters, clockwise from the top left. */
  private static BufferedImage quarters(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height / 2);
    g.setColor(Color.GREEN);
    g.fillRect(width / 2, 0, width - width / 2, height / 2);
    g.setColor(Color.YELLOW);
    g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
    g.setColor(Color.BLUE);
    g.fillRect(0, height / 2, width / 2, height - height / 2);
    g.dispose();
    return image;
  }

  private static void fill(BufferedImage image, Color color) {
    Graphics2D g = image.createGraphics();
    g.setComposite(AlphaComposite.Src);
    g.setColor(color);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
  }

  private static int alpha(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) >>> 24;
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
