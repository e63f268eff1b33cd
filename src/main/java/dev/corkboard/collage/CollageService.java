package dev.corkboard.collage;

import dev.corkboard.board.BoardService;
import dev.corkboard.media.MediaInput;
import dev.corkboard.media.MediaService;
import dev.corkboard.media.MediaView;
import dev.corkboard.pin.CreativeType;
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
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * Use cases of collages: saving versions with optimistic concurrency, reading and listing them,
 * rendering, publishing as a pin and remixing. Drafts are private to their owner; others see a
 * collage only as it was last published.
 */
public final class CollageService {

  private final Database database;
  private final CollageRepository repository = new CollageRepository();
  private final BoardService boards;
  private final PinService pins;
  private final CutoutService cutouts;
  private final CollageDrawing drawing;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final Clock clock;
  private final PinLookupPages byPin;

  public CollageService(
      Database database,
      BoardService boards,
      PinService pins,
      CutoutService cutouts,
      CollageDrawing drawing,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock) {
    this.database = database;
    this.boards = boards;
    this.pins = pins;
    this.cutouts = cutouts;
    this.drawing = drawing;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
    this.byPin = new PinLookupPages(pins, bookmarks);
  }

  /** Creates a draft collage; every cutout and pin it uses must be visible to the caller. */
  public Collage createCollage(Principal caller, String title, CollageInput input) {
    Resolved resolved = resolve(caller, input);
    return insertDraft(caller, title, resolved.layout(), resolved.sourcePins(), 0);
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
                    tx, collageId, ifMatch.get(), title, resolved.layout(), resolved.sourcePins()));
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
    AccessPolicy.requireSeeCollage(caller, guarded(collage));
    return AccessPolicy.seesCollageDraft(caller, collage.guarded())
        ? collage
        : publishedView(collage);
  }

  /** How a collage is guarded: as the pin it was last published as is now, or its owner's alone. */
  private AccessPolicy.Guarded guarded(Collage collage) {
    return collage.isPublished()
        ? pins.guardedPin(collage.publishedPinId()).orElse(collage.guarded())
        : collage.guarded();
  }

  /**
   * Which of the pins and cutouts a collage refers to the caller may be shown by id: those it sees
   * now, as the access policy says.
   */
  public SeenRefs refsSeenBy(Principal caller) {
    return new SeenRefs(
        pinId -> pins.guardedPin(pinId).filter(g -> AccessPolicy.seesPin(caller, g)).isPresent(),
        cutoutId -> cutouts.seesCutout(caller, cutoutId));
  }

  /**
   * What a caller may be shown by id.
   *
   * @param pin whether it sees a pin
   * @param cutout whether it sees a cutout
   */
  public record SeenRefs(LongPredicate pin, LongPredicate cutout) {}

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
    database.inTransaction(tx -> repository.deleteCollage(tx, collageId));
  }

  /**
   * Renders a collage as the caller may see it, as PNG or JPEG, at a width of 64 to 2400 px or, if
   * none is asked for, at its canvas width brought into that range. The same version, width and
   * format always give the same bytes.
   */
  public CollageDrawing.Render render(
      Principal caller, long collageId, Optional<Integer> width, String format) {
    // The collage as seen carries the version it shows: the draft's or the published one.
    Collage collage = collage(caller, collageId);
    int target =
        width.orElse(
            Math.clamp(
                collage.layout().width(), CollageDrawing.MIN_WIDTH, CollageDrawing.MAX_WIDTH));
    return drawing.render(collage, target, format);
  }

  /**
   * Publishes the current version of the caller's collage as a pin with creative type COLLAGE on
   * one of the caller's boards: the pin's image is a full-size render of that version, so later
   * edits leave it as it is until the collage is published again. The pin and the record of the
   * publication are written in one transaction.
   */
  public PinView publish(Principal caller, long collageId, PublishRequest request) {
    Collage collage = ownCollage(caller, collageId);
    // The full-size render is the expensive part: refuse a board the caller may not pin to first.
    boards.pinTarget(caller, request.boardId(), request.sectionId());
    byte[] png = drawing.image(collage.layout(), collage.layout().width(), "png");
    MediaInput.Upload upload = MediaService.checkUpload("collage", png);
    List<Long> usedCutouts =
        collage.layout().items().stream()
            .filter(i -> i.type() == LayerKind.CUTOUT)
            .map(CollageLayout.Item::refId)
            .distinct()
            .toList();
    return pins.createPin(
        caller,
        new PinDraft(
            request.boardId(),
            request.sectionId(),
            request.title().isEmpty() ? collage.title() : request.title(),
            request.description(),
            request.link(),
            "",
            "",
            CreativeType.COLLAGE,
            collageId,
            List.of(new PinDraft.DraftImage(upload, "", "", ""))),
        (tx, pinId) -> repository.publish(tx, collage, pinId, usedCutouts));
  }

  /** Copies a published collage the caller may see into a new draft of the caller's. */
  public Collage remix(Principal caller, long collageId) {
    Collage source = collage(caller, collageId);
    if (!source.isPublished()) {
      throw new ApiException.Conflict("Only a published collage can be remixed; publish it first.");
    }
    Collage published = publishedView(source);
    return insertDraft(
        caller, published.title(), published.layout(), published.sourcePins(), collageId);
  }

  /** A page of the published collages that use a pin the caller may see, newest first. */
  public Page<Collage> listPinCollages(Principal caller, long pinId, PageRequest page) {
    return byPin.page(
        caller,
        pinId,
        "pin-collages",
        page,
        (before, limit) -> repository.collageIdsOfPin(database, pinId, before, limit),
        id ->
            repository
                .findCollage(database, id)
                .filter(Collage::isPublished)
                .filter(c -> AccessPolicy.seesCollage(caller, guarded(c)))
                .map(CollageService::publishedView));
  }

  /** Stores a new draft of the caller's at version 1 and answers it as read back. */
  private Collage insertDraft(
      Principal caller,
      String title,
      CollageLayout layout,
      List<Long> sourcePins,
      long remixedFrom) {
    long id = ids.next(Ids.shardOf(caller.accountId()));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Collage draft =
        new Collage(
            id,
            caller.accountId(),
            "",
            title,
            layout,
            1,
            now,
            now,
            remixedFrom,
            sourcePins,
            0,
            title,
            layout,
            List.of(),
            0);
    database.inTransaction(tx -> repository.insertCollage(tx, draft));
    return ownCollage(caller, id);
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
        c.publishedLayout(),
        c.publishedVersion(),
        c.createdAt(),
        c.updatedAt(),
        c.remixedFrom(),
        c.publishedSources(),
        c.publishedVersion(),
        c.publishedTitle(),
        c.publishedLayout(),
        c.publishedSources(),
        c.publishedPinId());
  }

  /** Checks every reference is visible to the caller and collects the pins it credits. */
  private Resolved resolve(Principal caller, CollageInput input) {
    LinkedHashSet<Long> credits = new LinkedHashSet<>();
    List<CollageLayout.Item> items = new ArrayList<>();
    for (int i = 0; i < input.items().size(); i++) {
      CollageInput.ItemInput item = input.items().get(i);
      String field = "items[" + i + "]." + item.type().idField();
      String sha = "";
      switch (item.type()) {
        case CUTOUT -> {
          Cutout cutout;
          try {
            cutout = cutouts.cutout(caller, item.refId());
          } catch (ApiException.NotFound e) {
            throw Unknown.CUTOUT.at(field);
          }
          credits.add(cutout.pinId());
        }
        case PIN -> {
          PinView pin;
          try {
            pin = pins.pin(caller, item.refId());
          } catch (ApiException.NotFound e) {
            throw Unknown.PIN.at(field);
          }
          MediaView image = pin.media().isEmpty() ? null : pin.media().getFirst();
          if (image == null || image.sha256().isEmpty()) {
            throw new ApiException.Conflict(field + ": the pin's image is not ready yet.");
          }
          sha = image.sha256().get();
          credits.add(item.refId());
        }
      }
      items.add(
          new CollageLayout.Item(
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
        new CollageLayout(input.width(), input.height(), input.backgroundColor(), items),
        List.copyOf(credits));
  }

  private record Resolved(CollageLayout layout, List<Long> sourcePins) {}

  /**
   * What publishing asks for.
   *
   * @param boardId the board of the new pin
   * @param sectionId its section, if any
   * @param title the pin's title, or empty for the collage's
   * @param description the pin's description
   * @param link the pin's link
   */
  public record PublishRequest(
      long boardId, OptionalLong sectionId, String title, String description, String link) {}
}
