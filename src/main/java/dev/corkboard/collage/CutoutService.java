package dev.corkboard.collage;

import dev.corkboard.collage.render.CutoutMaker;
import dev.corkboard.collage.render.Point;
import dev.corkboard.media.MediaView;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Use cases of cutouts: cutting a polygon out of a pin's image, reading a cutout and its PNG,
 * listing a pin's cutouts and deleting one. A cutout is exactly as visible as its pin is now.
 */
public final class CutoutService {

  private final Database database;
  private final CollageRepository repository = new CollageRepository();
  private final PinService pins;
  private final CollageDrawing drawing;
  private final BlobStore blobs;
  private final IdGenerator ids;
  private final Clock clock;
  private final PinLookupPages byPin;
  private final CutoutMaker cutter = new CutoutMaker();

  public CutoutService(
      Database database,
      PinService pins,
      CollageDrawing drawing,
      BlobStore blobs,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock) {
    this.database = database;
    this.pins = pins;
    this.drawing = drawing;
    this.blobs = blobs;
    this.ids = ids;
    this.clock = clock;
    this.byPin = new PinLookupPages(pins, bookmarks);
  }

  /** Cuts a polygon out of a pin the caller may see; the pixels are stored once as a PNG. */
  public Cutout createCutout(Principal caller, long pinId, List<Point> polygon) {
    PinView pin = pins.pin(caller, pinId);
    MediaView image = pin.media().isEmpty() ? null : pin.media().getFirst();
    if (image == null || image.state() != MediaView.State.READY || image.sha256().isEmpty()) {
      throw new ApiException.Conflict("The pin's image is not ready yet; cut it once it is.");
    }
    BufferedImage source =
        drawing
            .pinImage(image.sha256().get())
            .orElseThrow(() -> new ApiException.Conflict("The pin's image is no longer stored."));
    BufferedImage cut;
    try {
      cut = cutter.cut(source, polygon);
    } catch (IllegalArgumentException e) {
      throw new ApiException.InvalidInput("polygon " + e.getMessage());
    }
    byte[] png = cutter.png(cut);
    long id = ids.next(Ids.shardOf(caller.accountId()));
    String key = "cutouts/" + Ids.shardOf(id) + "/" + id + ".png";
    blobs.put(key, png, "image/png");
    Cutout cutout =
        new Cutout(
            id,
            caller.accountId(),
            "",
            pinId,
            polygon,
            cut.getWidth(),
            cut.getHeight(),
            key,
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    database.inTransaction(tx -> repository.insertCutout(tx, cutout));
    return cutout(caller, id);
  }

  /** A cutout the caller may see. */
  public Cutout cutout(Principal caller, long cutoutId) {
    return visible(caller, cutoutId).orElseThrow(Unknown.CUTOUT::error);
  }

  /** Whether the caller may see the cutout. */
  public boolean seesCutout(Principal caller, long cutoutId) {
    return visible(caller, cutoutId).isPresent();
  }

  private Optional<Cutout> visible(Principal caller, long cutoutId) {
    return repository
        .findCutout(database, cutoutId)
        .filter(c -> AccessPolicy.seesCutout(caller, seenAs(c)));
  }

  /** The PNG of a cutout the caller may see. */
  public byte[] cutoutImage(Principal caller, long cutoutId) {
    Cutout cutout = cutout(caller, cutoutId);
    return blobs
        .get(cutout.blobKey())
        .map(BlobStore.Blob::bytes)
        .orElseThrow(Unknown.CUTOUT::error);
  }

  /** A page of the cutouts made from a pin the caller may see, newest first. */
  public Page<Cutout> listPinCutouts(Principal caller, long pinId, PageRequest page) {
    return byPin.page(
        caller,
        pinId,
        "pin-cutouts",
        page,
        (before, limit) -> repository.cutoutIdsOfPin(database, pinId, before, limit),
        id ->
            repository
                .findCutout(database, id)
                .filter(c -> AccessPolicy.seesCutout(caller, seenAs(c))));
  }

  /** Deletes the caller's cutout; 409 while a published collage uses it. */
  public void deleteCutout(Principal caller, long cutoutId) {
    Cutout cutout = repository.findCutout(database, cutoutId).orElseThrow(Unknown.CUTOUT::error);
    AccessPolicy.requireDeleteCutout(caller, seenAs(cutout), cutout.guarded());
    database.inTransaction(
        tx -> {
          if (repository.cutoutInPublishedCollage(tx, cutoutId)) {
            throw new ApiException.Conflict(
                "A published collage uses this cutout; it cannot be deleted.");
          }
          repository.deleteCutout(tx, cutout);
        });
    blobs.delete(cutout.blobKey());
  }

  /** How a cutout is seen: as its pin is guarded now, or as its maker's once the pin is gone. */
  private AccessPolicy.Guarded seenAs(Cutout cutout) {
    return pins.guardedPin(cutout.pinId()).orElse(cutout.guarded());
  }
}
