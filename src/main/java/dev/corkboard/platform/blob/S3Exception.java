package dev.corkboard.platform.blob;

import java.util.Optional;

/**
 * An S3-compatible store answered a request with an error; carries the HTTP status and S3's error
 * code, and never the credentials or the signed request.
 */
final class S3Exception extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;

  S3Exception(String operation, int status, String errorCode) {
    super(
        operation
            + " failed with HTTP "
            + status
            + (errorCode.isEmpty() ? "" : " (" + errorCode + ")"));
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status code of the answer. */
  public int status() {
    return status;
  }

  /** S3's error code, such as {@code NoSuchBucket}, when the answer had an error body. */
  public Optional<String> errorCode() {
    return errorCode.isEmpty() ? Optional.empty() : Optional.of(errorCode);
  }
}
