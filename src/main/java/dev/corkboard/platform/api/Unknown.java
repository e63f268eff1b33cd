package dev.corkboard.platform.api;

/**
 * The not-found answers, one per kind of object: Pinterest's code and message. An object hidden
 * from the caller and one that does not exist are answered from the same entry, so with the same
 * bytes.
 */
public enum Unknown {
  USER(ApiException.CODE_USER_NOT_FOUND, "User not found."),
  BOARD(ApiException.CODE_BOARD_NOT_FOUND, "Board not found."),
  SECTION(ApiException.CODE_BOARD_NOT_FOUND, "Board section not found."),
  /** A section named by a write that is not on the board the write names. */
  SECTION_ON_BOARD(ApiException.CODE_BOARD_NOT_FOUND, "Board section not found on that board."),
  PIN(ApiException.CODE_PIN_NOT_FOUND, "Pin not found."),
  /** An account that is neither a member of the board nor invited to it. */
  COLLABORATOR(ApiException.CODE_NOT_FOUND, "Collaborator not found."),
  /** A board the caller has no pending invitation to. */
  INVITATION(ApiException.CODE_NOT_FOUND, "Invitation not found."),
  CUTOUT(ApiException.CODE_NOT_FOUND, "Cutout not found."),
  COLLAGE(ApiException.CODE_NOT_FOUND, "Collage not found."),
  TOKEN(ApiException.CODE_NOT_FOUND, "Token not found."),
  MEDIA(ApiException.CODE_NOT_FOUND, "Media not found."),
  APP(ApiException.CODE_NOT_FOUND, "App not found.");

  private final int code;
  private final String message;

  Unknown(int code, String message) {
    this.code = code;
    this.message = message;
  }

  /** Pinterest's error code of the answer. */
  public int code() {
    return code;
  }

  /** The message of the answer, for example {@code Board not found.} */
  public String message() {
    return message;
  }

  /** The 404 that answers a request for such an object. */
  public ApiException.NotFound error() {
    return new ApiException.NotFound(this, message);
  }

  /**
   * The 404 for such an object named by a field of the request, the field first: {@code
   * items[2].pin_id: pin not found.}
   */
  public ApiException.NotFound at(String field) {
    return new ApiException.NotFound(
        this, field + ": " + Character.toLowerCase(message.charAt(0)) + message.substring(1));
  }
}
