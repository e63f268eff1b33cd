package dev.corkboard.collage;

import dev.corkboard.media.MediaInput;
import dev.corkboard.media.MediaService;
import dev.corkboard.media.MediaView;
import dev.corkboard.pin.PinDraft;
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
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases of cutouts and collages: cutting, saving versions with optimistic concurrency,
 * rendering (cached per version, width and format), publishing as a pin and remixing. Drafts are
 * private to their owner; others see a collage only as it was last published.
 */
public final class CollageService {

  private static final Logger LOG = LoggerFactory.getLogger(CollageService.class);

  private final Database database;
  private final CollageRepository repository = new CollageRepository();
  private final PinService pins;
  private final MediaService media;
  private final BlobStore blobs;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final Clock clock;
  private final DecodedSources decoded = new DecodedSources(64_000_000L);
  private final CutoutMaker cutter = new CutoutMaker();
  private final CollageRenderer renderer = new CollageRenderer();

  public CollageService(
      Database database,
      PinService pins,
      MediaService media,
      BlobStore blobs,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock) {
    this.database = database;
    this.pins = pins;
    this.media = media;
    this.blobs = blobs;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
  }

  /** Cuts a polygon out of a pin the caller may see; the pixels are stored once as a PNG. */
  public Cutout createCutout(Principal caller, long pinId, List<Point> polygon) {
    PinView pin = pins.pin(caller, pinId);
    MediaView image = pin.media().isEmpty() ? null : pin.media().getFirst();
    if (image == null || image.state() != MediaView.State.READY || image.sha256().isEmpty()) {
      throw new ApiException.Conflict("The pin's image is not ready yet; cut it once it is.");
    }
    BufferedImage source =
        decoded.get("s:" + image.sha256().get(), () -> media.original(image.sha256().get()));
    if (source == null) {
      throw new ApiException.Conflict("The pin's image is no longer stored.");
    }
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
            pin.pin().onSecretBoard(),
            polygon,
            cut.getWidth(),
            cut.getHeight(),
            key,
            now());
    database.inTransaction(
        tx -> {
          repository.insertCutout(tx, cutout);
        });
    return cutout(caller, id);
  }

  /** A cutout the caller may see. */
  public Cutout cutout(Principal caller, long cutoutId) {
    return repository
        .findCutout(database, cutoutId)
        .filter(c -> AccessPolicy.seesCutout(caller, c.guarded()))
        .orElseThrow(Unknown.CUTOUT::error);
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
    return pageOfPin(
        caller,
        pinId,
        "pin-cutouts",
        page,
        (before, limit) -> repository.cutoutIdsOfPin(database, pinId, before, limit),
        id ->
            repository
                .findCutout(database, id)
                .filter(c -> AccessPolicy.seesCutout(caller, c.guarded())));
  }

  /** Deletes the caller's cutout; 409 while a published collage uses it. */
  public void deleteCutout(Principal caller, long cutoutId) {
    Cutout cutout = repository.findCutout(database, cutoutId).orElseThrow(Unknown.CUTOUT::error);
    AccessPolicy.requireDeleteCutout(caller, cutout.guarded());
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

  /** Creates a draft collage; every cutout and pin it uses must be visible to the caller. */
  public Collage createCollage(Principal caller, String title, CollageInput input) {
    Resolved resolved = resolve(caller, input);
    return insertDraft(caller, title, resolved.document(), resolved.sourcePins(), 0);
  }

  /**
   * Replaces a draft with a new version, only if the caller edited the current one: 428 without a
   * version, 412 when someone saved another version meanwhile.
   */
  public Collage updateCollage(
      Principal caller,
      long collageId,
      Optional<Integer> ifMatch,
      String title,
      CollageInput input) {
    Collage current = ownCollage(caller, collageId);
    if (ifMatch.isEmpty()) {
      throw new ApiException.PreconditionRequired(
          "Send If-Match with the ETag of the version you edited, for example If-Match: \"v"
              + current.version()
              + "\".");
    }
    Resolved resolved = resolve(caller, input);
    boolean written =
        database.transaction(
            tx ->
                repository.updateCollage(
                    tx,
                    collageId,
                    ifMatch.get(),
                    title,
                    resolved.document(),
                    resolved.sourcePins()));
    if (!written) {
      throw new ApiException.PreconditionFailed(
          "The collage changed since version "
              + ifMatch.get()
              + "; fetch the current version and apply your edit to it.");
    }
    return ownCollage(caller, collageId);
  }

  /**
   * A collage as the caller may see it: the draft for its owner, the published version for others.
   */
  public Collage collage(Principal caller, long collageId) {
    Collage collage =
        repository.findCollage(database, collageId).orElseThrow(Unknown.COLLAGE::error);
    AccessPolicy.requireSeeCollage(caller, collage.guarded());
    return AccessPolicy.seesCollageDraft(caller, collage.guarded())
        ? collage
        : publishedView(collage);
  }

  /** A page of the caller's collages, newest first. */
  public Page<Collage> listCollages(Principal caller, PageRequest page) {
    String list = "collages:" + caller.accountId();
    return bookmarks.newestFirst(
        list,
        page,
        (before, limit) -> repository.listByOwner(database, caller.accountId(), before, limit),
        Collage::id);
  }

  /** Deletes the caller's collage; pins published from it stay. */
  public void deleteCollage(Principal caller, long collageId) {
    ownCollage(caller, collageId);
    database.inTransaction(
        tx -> {
          repository.deleteCollage(tx, collageId);
        });
  }

  /**
   * Renders a collage as the caller may see it, at a width of 64 to 2400 px, as PNG or JPEG. The
   * same version, width and format always give the same bytes, cached under those keys.
   */
  public Render render(Principal caller, long collageId, int width, String format) {
    Collage collage = collage(caller, collageId);
    // The collage as seen carries the version it shows: the draft's or the published one.
    int version = collage.version();
    String extension = format.equals("jpeg") ? "jpg" : "png";
    String key = "renders/" + collageId + "/" + version + "/" + width + "." + extension;
    String etag = "\"r" + collageId + "-v" + version + "-" + width + "-" + format + "\"";
    String contentType = format.equals("jpeg") ? "image/jpeg" : "image/png";
    Optional<BlobStore.Blob> cached = blobs.get(key);
    if (cached.isPresent()) {
      return new Render(cached.get().bytes(), contentType, etag);
    }
    byte[] bytes = renderer.encode(draw(collage.document(), width), format);
    blobs.put(key, bytes, contentType);
    return new Render(bytes, contentType, etag);
  }

  /**
   * Publishes the current version of the caller's collage as a pin with creative type COLLAGE on
   * one of the caller's boards: the pin's image is a full-size render of that version, so later
   * edits leave it as it is until the collage is published again.
   */
  public PinView publish(Principal caller, long collageId, PublishRequest request) {
    Collage collage = ownCollage(caller, collageId);
    byte[] png = renderer.encode(draw(collage.document(), collage.document().width()), "png");
    MediaInput.Upload upload = MediaService.checkUpload("collage", png);
    PinView pin =
        pins.createPin(
            caller,
            new PinDraft(
                request.boardId(),
                request.sectionId(),
                request.title().isEmpty() ? collage.title() : request.title(),
                request.description(),
                request.link(),
                "",
                "",
                false,
                collageId,
                List.of(new PinDraft.DraftImage(upload, "", "", ""))));
    List<Long> cutouts =
        collage.document().items().stream()
            .filter(i -> i.type().equals("cutout"))
            .map(CollageDocumentSpec.Item::refId)
            .distinct()
            .toList();
    database.inTransaction(
        tx -> {
          repository.publish(tx, collage, pin.pin().id(), cutouts);
        });
    return pin;
  }

  /** Copies a published collage the caller may see into a new draft of the caller's. */
  public Collage remix(Principal caller, long collageId) {
    Collage source = collage(caller, collageId);
    if (!source.isPublished()) {
      throw new ApiException.Conflict("Only a published collage can be remixed; publish it first.");
    }
    Collage published = publishedView(source);
    return insertDraft(
        caller, published.title(), published.document(), published.sourcePins(), collageId);
  }

  /** Stores a new draft of the caller's at version 1 and answers it as read back. */
  private Collage insertDraft(
      Principal caller,
      String title,
      CollageDocumentSpec document,
      List<Long> sourcePins,
      long remixedFrom) {
    long id = ids.next(Ids.shardOf(caller.accountId()));
    Instant now = now();
    Collage draft =
        new Collage(
            id,
            caller.accountId(),
            "",
            title,
            document,
            1,
            now,
            now,
            remixedFrom,
            sourcePins,
            0,
            title,
            document,
            List.of(),
            0);
    database.inTransaction(
        tx -> {
          repository.insertCollage(tx, draft);
        });
    return ownCollage(caller, id);
  }

  /** A page of the published collages that use a pin the caller may see, newest first. */
  public Page<Collage> listPinCollages(Principal caller, long pinId, PageRequest page) {
    return pageOfPin(
        caller,
        pinId,
        "pin-collages",
        page,
        (before, limit) -> repository.collageIdsOfPin(database, pinId, before, limit),
        id ->
            repository
                .findCollage(database, id)
                .filter(Collage::isPublished)
                .map(CollageService::publishedView));
  }

  /**
   * A page of things listed by a pin the caller may see through a global lookup keyed by the pin:
   * the lookup pages ids, then each is read from its own shard.
   */
  private <T> Page<T> pageOfPin(
      Principal caller,
      long pinId,
      String kind,
      PageRequest page,
      Bookmarks.Fetch<Long> ids,
      java.util.function.Function<Long, Optional<T>> load) {
    pins.pin(caller, pinId);
    String list = kind + ":" + pinId;
    Page<Long> idPage = bookmarks.newestFirst(list, page, ids, Long::longValue);
    return new Page<>(
        idPage.items().stream().map(load).flatMap(Optional::stream).toList(), idPage.bookmark());
  }

  private Collage ownCollage(Principal caller, long collageId) {
    Collage collage =
        repository.findCollage(database, collageId).orElseThrow(Unknown.COLLAGE::error);
    AccessPolicy.requireChangeCollage(caller, collage.guarded());
    return collage;
  }

  private static Collage publishedView(Collage c) {
    return new Collage(
        c.id(),
        c.ownerId(),
        c.ownerUsername(),
        c.publishedTitle(),
        c.publishedDocument(),
        c.publishedVersion(),
        c.createdAt(),
        c.updatedAt(),
        c.remixedFrom(),
        c.publishedSources(),
        c.publishedVersion(),
        c.publishedTitle(),
        c.publishedDocument(),
        c.publishedSources(),
        c.publishedPinId());
  }

  /** Checks every reference is visible to the caller and collects the pins it credits. */
  private Resolved resolve(Principal caller, CollageInput input) {
    LinkedHashSet<Long> credits = new LinkedHashSet<>();
    List<CollageDocumentSpec.Item> items = new ArrayList<>();
    for (int i = 0; i < input.items().size(); i++) {
      CollageInput.ItemInput item = input.items().get(i);
      String sha = "";
      if (item.type().equals("cutout")) {
        Cutout cutout;
        try {
          cutout = cutout(caller, item.refId());
        } catch (ApiException.NotFound e) {
          throw Unknown.CUTOUT.at("items[" + i + "].cutout_id");
        }
        credits.add(cutout.pinId());
      } else {
        PinView pin;
        try {
          pin = pins.pin(caller, item.refId());
        } catch (ApiException.NotFound e) {
          throw Unknown.PIN.at("items[" + i + "].pin_id");
        }
        MediaView image = pin.media().isEmpty() ? null : pin.media().getFirst();
        if (image == null || image.sha256().isEmpty()) {
          throw new ApiException.Conflict(
              "items[" + i + "].pin_id: the pin's image is not ready yet.");
        }
        sha = image.sha256().get();
        credits.add(item.refId());
      }
      items.add(
          new CollageDocumentSpec.Item(
              item.type(),
              item.refId(),
              sha,
              item.x(),
              item.y(),
              item.scale(),
              item.rotation(),
              item.flipX(),
              item.opacity()));
    }
    return new Resolved(
        new CollageDocumentSpec(input.width(), input.height(), input.backgroundColor(), items),
        List.copyOf(credits));
  }

  /** Draws a document with its sources; a source that is no longer stored is left out. */
  private BufferedImage draw(CollageDocumentSpec document, int width) {
    Map<String, BufferedImage> sources = new HashMap<>();
    List<Layer> layers = new ArrayList<>();
    for (CollageDocumentSpec.Item item : document.items()) {
      String key;
      BufferedImage image;
      if (item.type().equals("cutout")) {
        key = "c:" + item.refId();
        image =
            decoded.get(
                key,
                () ->
                    repository
                        .findCutout(database, item.refId())
                        .flatMap(c -> blobs.get(c.blobKey()))
                        .map(BlobStore.Blob::bytes));
      } else {
        key = "s:" + item.sha256();
        image = decoded.get(key, () -> media.original(item.sha256()));
      }
      if (image == null) {
        LOG.warn("collage source {} is no longer stored; drawing without it", key);
        continue;
      }
      sources.put(key, image);
      layers.add(
          new Layer(
              key,
              item.x(),
              item.y(),
              item.scale(),
              item.rotation(),
              item.flipX(),
              item.opacity()));
    }
    CollageDocument doc =
        new CollageDocument(
            document.width(), document.height(), Color.decode(document.backgroundColor()), layers);
    return renderer.render(doc, sources, width);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private record Resolved(CollageDocumentSpec document, List<Long> sourcePins) {}

  /**
   * A rendered collage.
   *
   * @param bytes the encoded image
   * @param contentType its media type
   * @param etag its strong entity tag
   */
  public record Render(byte[] bytes, String contentType, String etag) {}

  /**
   * What publishing asks for.
   *
   * @param boardId the board of the new pin
   * @param sectionId its section, or 0
   * @param title the pin's title, or empty for the collage's
   * @param description the pin's description
   * @param link the pin's link
   */
  public record PublishRequest(
      long boardId, long sectionId, String title, String description, String link) {}

  /** Decoded source images kept in memory up to a pixel budget, least recently used out first. */
  private static final class DecodedSources {
    private final long maxPixels;
    private final LinkedHashMap<String, BufferedImage> images =
        new LinkedHashMap<>(16, 0.75f, true);
    private long pixels;

    DecodedSources(long maxPixels) {
      this.maxPixels = maxPixels;
    }

    BufferedImage get(String key, java.util.function.Supplier<Optional<byte[]>> bytes) {
      synchronized (this) {
        BufferedImage cached = images.get(key);
        if (cached != null) {
          return cached;
        }
      }
      Optional<byte[]> raw = bytes.get();
      if (raw.isEmpty()) {
        return null;
      }
      BufferedImage image;
      try {
        image = ImageIO.read(new ByteArrayInputStream(raw.get()));
      } catch (IOException e) {
        return null;
      }
      if (image == null) {
        return null;
      }
      synchronized (this) {
        images.put(key, image);
        pixels += (long) image.getWidth() * image.getHeight();
        var it = images.entrySet().iterator();
        while (pixels > maxPixels && it.hasNext()) {
          var eldest = it.next();
          if (eldest.getKey().equals(key)) {
            break;
          }
          pixels -= (long) eldest.getValue().getWidth() * eldest.getValue().getHeight();
          it.remove();
        }
      }
      return image;
    }
  }
}
