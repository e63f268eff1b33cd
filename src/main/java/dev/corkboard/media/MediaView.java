package dev.corkboard.media;

import java.util.Map;
import java.util.Optional;

/**
 * How one image of a pin looks now: still processing, ready with its variants, or failed.
 *
 * @param state processing, ready or failed
 * @param reason why it failed, empty otherwise
 * @param images the variants by Pinterest's size keys, once ready
 * @param dominantColor the computed dominant colour, once ready
 * @param sha256 the SHA-256 of the original, once ready
 */
public record MediaView(
    State state,
    Optional<String> reason,
    Map<String, Image> images,
    Optional<String> dominantColor,
    Optional<String> sha256) {

  public MediaView {
    images = Map.copyOf(images);
  }

  /** About how many bytes of heap the view holds, for caches bounded in bytes. */
  public int estimatedBytes() {
    int bytes = 160 + reason.map(String::length).orElse(0);
    for (Map.Entry<String, Image> image : images.entrySet()) {
      // The map's node, the key, the record and its URL (a Latin-1 string: a byte a character).
      bytes += 160 + image.getKey().length() + image.getValue().url().length();
    }
    return bytes;
  }

  /** The processing state of an image. */
  public enum State {
    PROCESSING,
    READY,
    FAILED
  }

  /**
   * One variant of an image.
   *
   * @param url where the server serves it
   * @param width its width in pixels
   * @param height its height in pixels
   */
  public record Image(String url, int width, int height) {}

  static MediaView processing() {
    return new MediaView(
        State.PROCESSING, Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
  }

  /** The view of an image whose record is gone (it never shows in a consistent read). */
  public static MediaView failedMissing() {
    return failed("the image is missing");
  }

  static MediaView failed(String reason) {
    return new MediaView(
        State.FAILED, Optional.of(reason), Map.of(), Optional.empty(), Optional.empty());
  }
}
