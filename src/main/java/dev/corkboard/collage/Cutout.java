package dev.corkboard.collage;

import dev.corkboard.collage.render.Point;
import dev.corkboard.platform.api.AccessPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A shape cut from a pin's image; its pixels are materialised once as a PNG, so it keeps rendering
 * after its source pin is gone, and it keeps crediting that pin.
 *
 * @param id the cutout id, on its owner's shard
 * @param ownerId who cut it
 * @param ownerUsername that account's username
 * @param pinId the pin it was cut from
 * @param polygon the shape, in the image's coordinates normalised to 0..1
 * @param width the width of the cut pixels
 * @param height the height of the cut pixels
 * @param blobKey where the PNG is stored
 * @param createdAt when it was cut
 */
public record Cutout(
    long id,
    long ownerId,
    String ownerUsername,
    long pinId,
    List<Point> polygon,
    int width,
    int height,
    String blobKey,
    Instant createdAt) {

  public Cutout {
    polygon = List.copyOf(polygon);
  }

  /**
   * What the access policy needs to know of it as its maker's: whom it is seen by once its pin is
   * gone (its maker alone), and who deletes it.
   */
  public AccessPolicy.Guarded guarded() {
    return new AccessPolicy.Guarded(ownerId, true);
  }
}
