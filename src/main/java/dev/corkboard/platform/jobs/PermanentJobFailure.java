package dev.corkboard.platform.jobs;

/** A failure that retrying cannot fix (for example bytes that are no image). */
public final class PermanentJobFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PermanentJobFailure(String message) {
    super(message);
  }

  public PermanentJobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
