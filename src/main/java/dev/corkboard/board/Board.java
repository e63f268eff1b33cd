package dev.corkboard.board;

import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.Members;
import java.time.Instant;

/**
 * A board with its live counts.
 *
 * @param id the board id, which carries the shard of the account that made it (its owner, until it
 *     hands the board to another)
 * @param ownerId the owning account
 * @param ownerUsername the owner's username
 * @param name the name, unique per owner ignoring case
 * @param description the description, empty for none
 * @param privacy who may see it
 * @param createdAt when it was made
 * @param boardPinsModifiedAt when its pins last changed
 * @param pinCount how many pins it holds
 * @param followerCount how many accounts follow it
 * @param collaboratorCount how many collaborators it has
 * @param archived whether it is archived: read-only, out of default lists and feeds
 * @param members who else holds a role on it, with which
 */
public record Board(
    long id,
    long ownerId,
    String ownerUsername,
    String name,
    String description,
    BoardPrivacy privacy,
    Instant createdAt,
    Instant boardPinsModifiedAt,
    int pinCount,
    int followerCount,
    int collaboratorCount,
    boolean archived,
    Members members) {

  /** Whether only its owner may see it. */
  public boolean isSecret() {
    return privacy.isSecret();
  }

  /** What the access policy needs to know of it. */
  public AccessPolicy.Guarded guarded() {
    return new AccessPolicy.Guarded(ownerId, isSecret(), archived, members, ownerId);
  }
}
