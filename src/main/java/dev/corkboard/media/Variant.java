package dev.corkboard.media;

/**
 * One rendered size of an image, as JPEG bytes; the array is shared, not copied, so callers must
 * not change it.
 *
 * @param key the size's name as Pinterest spells it, for example {@code 150x150} or {@code 600x}
 * @param jpeg the encoded image
 * @param width its width in pixels
 * @param height its height in pixels
 */
record Variant(String key, byte[] jpeg, int width, int height) {

  public Variant {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size must be positive, not " + width + "x" + height);
    }
  }

  /** The media type of {@link #jpeg()}. */
  public String contentType() {
    return "image/jpeg";
  }

  @Override
  public String toString() {
    return "Variant[" + key + ", " + width + "x" + height + ", " + jpeg.length + " bytes]";
  }
}
