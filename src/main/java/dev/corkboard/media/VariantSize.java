package dev.corkboard.media;

/** The image sizes Corkboard renders for every pin, named and shaped as Pinterest's. */
enum VariantSize {
  /** The centre square, scaled to exactly 150 x 150 (small originals are enlarged). */
  SQUARE_150("150x150", 150, 150),
  /** Fitted inside 400 x 300 keeping the aspect ratio; never enlarged. */
  FIT_400X300("400x300", 400, 300),
  /** 600 pixels wide keeping the aspect ratio; a narrower original keeps its size. */
  WIDTH_600("600x", 600, Integer.MAX_VALUE),
  /** 1200 pixels wide keeping the aspect ratio; a narrower original keeps its size. */
  WIDTH_1200("1200x", 1200, Integer.MAX_VALUE);

  private final String key;
  private final int maxWidth;
  private final int maxHeight;

  VariantSize(String key, int maxWidth, int maxHeight) {
    this.key = key;
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
  }

  /** The name Pinterest gives this size in a pin's {@code media.images}. */
  public String key() {
    return key;
  }

  /** The size of this variant of an original of the given size. */
  Size outputSize(int width, int height) {
    if (this == SQUARE_150) {
      return new Size(maxWidth, maxHeight);
    }
    double scale = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
    return new Size(
        Math.max(1, (int) Math.round(width * scale)),
        Math.max(1, (int) Math.round(height * scale)));
  }

  /**
   * The part of the original this variant shows, as fractions of the original's width and height:
   * {@code {x, y, width, height}}.
   */
  double[] sourceRegion(int width, int height) {
    if (this == SQUARE_150) {
      double side = Math.min(width, height);
      double fw = side / width;
      double fh = side / height;
      return new double[] {(1 - fw) / 2, (1 - fh) / 2, fw, fh};
    }
    return new double[] {0, 0, 1, 1};
  }

  /** A width and height in pixels. */
  record Size(int width, int height) {}
}
