package dev.corkboard.media;

/**
 * Bytes that are not an image Corkboard accepts: not JPEG, PNG, GIF or WebP, damaged, or too big;
 * the message is fit to show the user who sent them.
 */
public final class InvalidImageException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
