package dev.corkboard.collage;

import dev.corkboard.platform.api.AccessPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A collage: a canvas and its layers, versioned so that two editors never overwrite each other,
 * with the snapshot it was last published as.
 *
 * @param id the collage id, on its owner's shard
 * @param ownerId who owns it
 * @param ownerUsername that account's username
 * @param title its title
 * @param layout the canvas and layers of the current version
 * @param version the current version, from 1
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 * @param remixedFrom the collage it was remixed from, or 0
 * @param sourcePins every pin it credits
 * @param publishedVersion the version last published, or 0
 * @param publishedTitle the title as last published, or the current title if never published
 * @param publishedLayout the published snapshot, or the current layout if never published
 * @param publishedSources the pins the published snapshot credits
 * @param publishedPinId the pin last published, or 0
 */
public record Collage(
    long id,
    long ownerId,
    String ownerUsername,
    String title,
    CollageLayout layout,
    int version,
    Instant createdAt,
    Instant updatedAt,
    long remixedFrom,
    List<Long> sourcePins,
    int publishedVersion,
    String publishedTitle,
    CollageLayout publishedLayout,
    List<Long> publishedSources,
    long publishedPinId) {

  public Collage {
    sourcePins = List.copyOf(sourcePins);
    publishedSources = List.copyOf(publishedSources);
  }

  /** Whether it has been published at least once. */
  public boolean isPublished() {
    return publishedVersion > 0;
  }

  /**
   * What the access policy needs to know of it while it has no published pin (never published, or
   * that pin is gone): it is its owner's alone. Once published, the pin's guard stands in for it.
   */
  public AccessPolicy.Guarded guarded() {
    return new AccessPolicy.Guarded(ownerId, true);
  }
}
