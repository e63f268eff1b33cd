package dev.corkboard.pin;

import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.api.Principal;
import java.time.Instant;
import java.util.List;

/**
 * A pin: one image or a carousel of images, with its text, on a board (and maybe a section). Text
 * fields are empty strings when unset; ids of 0 mean none.
 *
 * @param id the pin id, on its board's shard
 * @param ownerId the account whose board holds it
 * @param ownerUsername that account's username
 * @param boardId the board
 * @param onSecretBoard whether the board is SECRET or PROTECTED
 * @param sectionId the section, or 0
 * @param title the title
 * @param description the description
 * @param link the link
 * @param altText the alternative text
 * @param dominantColor the colour the client gave, or empty
 * @param parentPinId the pin this one was saved from, or 0
 * @param parent how that pin is guarded as read with this one: its owner and whether its board is
 *     secret ({@link #NO_PARENT} when there is none, or it is gone)
 * @param creativeType {@link CreativeType#REGULAR}, {@link CreativeType#CAROUSEL} or {@link
 *     CreativeType#COLLAGE}
 * @param createdAt when it was made (saved)
 * @param collageId the collage it was published from, or 0
 * @param items its images, in order
 * @param pinnerId who put it on its board when that is not the board's owner (a collaborator), else
 *     0
 * @param pinnerUsername that collaborator's username, or empty
 * @param onArchivedBoard whether its board is archived
 * @param boardMembers who besides its owner holds a role on its board
 */
public record Pin(
    long id,
    long ownerId,
    String ownerUsername,
    long boardId,
    boolean onSecretBoard,
    long sectionId,
    String title,
    String description,
    String link,
    String altText,
    String dominantColor,
    long parentPinId,
    AccessPolicy.Guarded parent,
    CreativeType creativeType,
    Instant createdAt,
    long collageId,
    List<Item> items,
    long pinnerId,
    String pinnerUsername,
    boolean onArchivedBoard,
    Members boardMembers) {

  /** The guard of a parent that is not there: nothing behind it to hide. */
  public static final AccessPolicy.Guarded NO_PARENT = new AccessPolicy.Guarded(0, false);

  /** The guard of a parent owned by {@code ownerId}, on a secret board or not. */
  static AccessPolicy.Guarded parentAs(long ownerId, boolean secret) {
    return ownerId == 0 ? NO_PARENT : new AccessPolicy.Guarded(ownerId, secret);
  }

  public Pin {
    items = List.copyOf(items);
  }

  /** Whether the caller may be told which pin this one was saved from. */
  boolean showsParentTo(Principal caller) {
    return parentPinId != 0 && AccessPolicy.seesPin(caller, parent);
  }

  /** What the access policy needs to know of it. */
  public AccessPolicy.Guarded guarded() {
    return new AccessPolicy.Guarded(
        ownerId, onSecretBoard, onArchivedBoard, boardMembers, pinnerId == 0 ? ownerId : pinnerId);
  }

  /** The same pin with its images. */
  public Pin withItems(List<Item> newItems) {
    return new Pin(
        id,
        ownerId,
        ownerUsername,
        boardId,
        onSecretBoard,
        sectionId,
        title,
        description,
        link,
        altText,
        dominantColor,
        parentPinId,
        parent,
        creativeType,
        createdAt,
        collageId,
        newItems,
        pinnerId,
        pinnerUsername,
        onArchivedBoard,
        boardMembers);
  }

  /**
   * One image of a pin.
   *
   * @param sourceId the media source it shows
   * @param title the carousel item's title, or empty
   * @param description the carousel item's description, or empty
   * @param link the carousel item's link, or empty
   */
  public record Item(long sourceId, String title, String description, String link) {}
}
