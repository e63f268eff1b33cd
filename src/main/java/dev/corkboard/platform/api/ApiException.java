package dev.corkboard.platform.api;

import java.util.Objects;

/**
 * The family of failures that a client caused or may see; each maps to one HTTP status and one
 * Pinterest error code. Anything that is not an {@code ApiException} is answered as an opaque 500.
 */
public abstract sealed class ApiException extends RuntimeException
    permits ApiException.InvalidInput,
        ApiException.Unauthenticated,
        ApiException.MissingScope,
        ApiException.Forbidden,
        ApiException.NotFound,
        ApiException.Conflict,
        ApiException.PayloadTooLarge,
        ApiException.UnsupportedMediaType,
        ApiException.PreconditionFailed,
        ApiException.PreconditionRequired,
        ApiException.RateLimited,
        ApiException.Unavailable {

  private static final long serialVersionUID = 1L;

  /** Pinterest's code for an invalid parameter. */
  public static final int CODE_INVALID_PARAMETER = 1;

  /** Pinterest's code for a failed authentication. */
  public static final int CODE_AUTHENTICATION_FAILED = 2;

  /** Pinterest's code for a token that lacks a scope. */
  public static final int CODE_MISSING_SCOPE = 3;

  /** Pinterest's code for a rate-limited caller. */
  public static final int CODE_RATE_LIMITED = 8;

  /** Pinterest's code for a forbidden action. */
  public static final int CODE_FORBIDDEN = 29;

  /** Pinterest's code for an unknown user. */
  public static final int CODE_USER_NOT_FOUND = 30;

  /** Pinterest's code for an unknown board (and its sections). */
  public static final int CODE_BOARD_NOT_FOUND = 40;

  /** Pinterest's code for an unknown pin. */
  public static final int CODE_PIN_NOT_FOUND = 50;

  /** The code used for conflicts, mirroring the status as the v5 board-section examples do. */
  public static final int CODE_CONFLICT = 409;

  /** The code used when the server cannot answer now, mirroring the status. */
  public static final int CODE_UNAVAILABLE = 503;

  /** The code used for a route, or an object of an extension, that does not exist. */
  public static final int CODE_NOT_FOUND = 404;

  private final int status;
  private final int code;

  private ApiException(int status, int code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** The message of the answer; never null, as every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The Pinterest error code of the answer. */
  public int code() {
    return code;
  }

  /** 400: a parameter or the body is malformed or out of range; the message names the field. */
  public static final class InvalidInput extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String message) {
      super(400, CODE_INVALID_PARAMETER, message);
    }
  }

  /** 401: no credentials, or credentials that do not identify anybody. */
  public static final class Unauthenticated extends ApiException {
    private static final long serialVersionUID = 1L;

    public Unauthenticated(String message) {
      super(401, CODE_AUTHENTICATION_FAILED, message);
    }
  }

  /** 403: the token lacks a scope the operation needs. */
  public static final class MissingScope extends ApiException {
    private static final long serialVersionUID = 1L;

    public MissingScope(String scope) {
      super(403, CODE_MISSING_SCOPE, "Your token lacks the scope " + scope + " that this needs.");
    }
  }

  /** 403: the caller is known but may not do this. */
  public static final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(403, CODE_FORBIDDEN, message);
    }
  }

  /**
   * 404: the object does not exist, or the caller may not know that it does. Made only from the
   * table of {@link Unknown} answers.
   */
  public static final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    NotFound(Unknown what, String message) {
      super(404, what.code(), message);
    }
  }

  /** 409: the change conflicts with the current state, for example a duplicate name. */
  public static final class Conflict extends ApiException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
      super(409, CODE_CONFLICT, message);
    }
  }

  /** 413: the request body is over the limit. */
  public static final class PayloadTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(long limit) {
      super(413, CODE_INVALID_PARAMETER, "Request body is larger than " + limit + " bytes.");
    }
  }

  /** 415: the request body is not of a type the operation reads. */
  public static final class UnsupportedMediaType extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaType(String message) {
      super(415, CODE_INVALID_PARAMETER, message);
    }
  }

  /** 412: an {@code If-Match} precondition no longer holds. */
  public static final class PreconditionFailed extends ApiException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailed(String message) {
      super(412, CODE_CONFLICT, message);
    }
  }

  /** 428: the operation needs an {@code If-Match} precondition. */
  public static final class PreconditionRequired extends ApiException {
    private static final long serialVersionUID = 1L;

    public PreconditionRequired(String message) {
      super(428, CODE_INVALID_PARAMETER, message);
    }
  }

  /** 429: the caller sends too many requests. */
  public static final class RateLimited extends ApiException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimited(String message, long retryAfterSeconds) {
      super(429, CODE_RATE_LIMITED, message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds after which the caller may try again ({@code Retry-After}). */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /**
   * 503: the server could not do it now and nothing was changed, for example a write that kept
   * losing to concurrent writes of the same objects; the same request may be sent again.
   */
  public static final class Unavailable extends ApiException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
      super(503, CODE_UNAVAILABLE, message);
    }
  }
}
