package dev.corkboard.media;

/** An image a client gave for a pin: a URL to fetch in the background, or bytes it sent. */
public sealed interface MediaInput {

  /**
   * An image to fetch from a URL.
   *
   * @param url an absolute http(s) URL
   */
  record Url(String url) implements MediaInput {}

  /**
   * Image bytes that were already decoded and checked in the request.
   *
   * @param bytes the original bytes
   * @param image what decoding found
   */
  record Upload(byte[] bytes, CheckedImage image) implements MediaInput {}

  /**
   * What checking an upload found.
   *
   * @param format jpeg, png, gif or webp
   * @param width the width in pixels
   * @param height the height in pixels
   */
  record CheckedImage(String format, int width, int height) {}
}
