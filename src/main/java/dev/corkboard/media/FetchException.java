package dev.corkboard.media;

import java.util.Objects;

/**
 * An image URL that could not be fetched; the message is fit to show the user who gave the URL, and
 * {@link #retryable()} tells whether trying again later may help.
 */
final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public FetchException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public FetchException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** What went wrong, fit to show the user; never null, as every constructor takes it. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /**
   * Whether the failure may pass (a timeout, a 5xx, a broken connection) rather than being final (a
   * refused address, a 4xx, a body that is too large).
   */
  public boolean retryable() {
    return retryable;
  }
}
