package dev.corkboard.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Role;
import dev.corkboard.platform.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The v5 {@code Board} wire form, and {@code BoardWithUpdatePrivacy}, which an update answers.
 *
 * @param id the board id
 * @param name its name
 * @param description its description, empty for none
 * @param privacy who may see it; left out of an update's answer for a PROTECTED board
 * @param owner its owner
 * @param createdAt when it was made, RFC 3339
 * @param boardPinsModifiedAt when its pins last changed, RFC 3339
 * @param pinCount how many pins it holds
 * @param followerCount how many accounts follow it
 * @param collaboratorCount how many collaborators it has
 * @param media its cover and thumbnails
 * @param isAdsOnly always false: ads-only boards are not made here
 * @param role the caller's role on it (extension): OWNER, EDITOR, CONTRIBUTOR or VIEWER; left out
 *     when the caller holds none
 * @param archived whether it is archived (extension): read-only, out of default lists and feeds
 */
public record BoardJson(
    String id,
    String name,
    String description,
    @JsonInclude(Include.NON_NULL) @Nullable String privacy,
    BoardOwner owner,
    String createdAt,
    String boardPinsModifiedAt,
    int pinCount,
    int followerCount,
    int collaboratorCount,
    BoardMedia media,
    boolean isAdsOnly,
    @JsonInclude(Include.NON_NULL) @Nullable String role,
    boolean archived) {

  /** v5 {@code Board}, as the caller sees it. */
  public static BoardJson of(Board board, Principal caller) {
    return of(board, caller, board.privacy().name());
  }

  /**
   * v5 {@code BoardWithUpdatePrivacy}, whose privacy is PUBLIC or SECRET only: a PROTECTED board's
   * privacy is left out of it (boards/get shows it).
   */
  static BoardJson ofUpdate(Board board, Principal caller) {
    return of(
        board, caller, board.privacy() == BoardPrivacy.PROTECTED ? null : board.privacy().name());
  }

  /** The board as the caller sees it: a pin count only if they may list those pins. */
  private static BoardJson of(Board board, Principal caller, @Nullable String privacy) {
    return new BoardJson(
        Long.toString(board.id()),
        board.name(),
        board.description(),
        privacy,
        new BoardOwner(board.ownerUsername()),
        Json.timestamp(board.createdAt()),
        Json.timestamp(board.boardPinsModifiedAt()),
        AccessPolicy.countsBoardPins(caller, board.guarded()) ? board.pinCount() : 0,
        board.followerCount(),
        board.collaboratorCount(),
        new BoardMedia(null, List.of()),
        false,
        roleName(board.guarded().roleOf(caller)),
        board.archived());
  }

  private static @Nullable String roleName(@Nullable Role role) {
    return role == null ? null : role.name();
  }

  /** v5 {@code BoardOwner}. */
  public record BoardOwner(String username) {}

  /** v5 {@code BoardMedia}; the cover is null until the board holds a pin. */
  public record BoardMedia(@Nullable String imageCoverUrl, List<String> pinThumbnailUrls) {}
}
