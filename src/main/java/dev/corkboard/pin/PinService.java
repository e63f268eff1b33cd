package dev.corkboard.pin;

import dev.corkboard.account.AccountService;
import dev.corkboard.board.Board;
import dev.corkboard.board.BoardActivity;
import dev.corkboard.board.BoardService;
import dev.corkboard.media.MediaService;
import dev.corkboard.media.MediaUrls;
import dev.corkboard.media.MediaView;
import dev.corkboard.media.SourceRef;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.ListOrder;
import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.api.Written;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.cache.Touched;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.db.StaleRead;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Use cases of pins: create, read, edit, move, save and delete, and the pin lists of boards,
 * sections and accounts. Who sees and changes a pin is the {@link AccessPolicy}'s to say; a pin the
 * caller may not see is an unknown pin.
 */
public final class PinService {

  /** What the cache of pins may weigh: some 30,000 pins of one image. */
  static final long PIN_CACHE_BYTES = 48L << 20;

  /** What the cache of boards' first pages may weigh: some 2,500 pages of 25 pins. */
  static final long PAGE_CACHE_BYTES = 96L << 20;

  /** First pages kept per board: one per combination of creative types and page size asked. */
  static final int FIRST_PAGE_VARIANTS = 8;

  private final Database database;
  private final PinRepository pins;
  private final PinFanOut fanOut;
  private final BoardService boards;
  private final AccountService accounts;
  private final MediaService media;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final Clock clock;
  private final ReadCaches caches;

  /** Writes the boards' trails of the pins put on, moved between and taken off them. */
  private final BoardActivity activity;

  /** Hears of every pin created, saved or edited, once the write committed (search's index). */
  private final Written onWritten;

  /** Pins by id, as read: at most a few tens of thousands of hot ones. */
  private final ReadCache<Long, PinView> pinCache;

  /** The first pages of boards' pin lists, by board (their pins are values of their own). */
  private final ReadCache<Long, FirstPages> pageCache;

  public PinService(
      Database database,
      BoardService boards,
      AccountService accounts,
      MediaService media,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock,
      ReadCaches caches,
      PinFanOut fanOut,
      Written onWritten) {
    this.pins = new PinRepository(fanOut);
    this.fanOut = fanOut;
    this.onWritten = onWritten;
    this.pinCache = caches.create("pins", PIN_CACHE_BYTES, PinView::estimatedBytes, Long::valueOf);
    this.pageCache =
        caches.create(
            "board_first_pages", PAGE_CACHE_BYTES, FirstPages::estimatedBytes, Long::valueOf);
    this.database = database;
    this.boards = boards;
    this.accounts = accounts;
    this.media = media;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
    this.caches = caches;
    this.activity = new BoardActivity(ids);
  }

  /** Creates a pin on one of the caller's boards; its images are processed in the background. */
  public PinView createPin(Principal caller, PinDraft draft) {
    return createPin(caller, draft, (tx, pinId) -> {});
  }

  /**
   * Creates a pin as {@link #createPin(Principal, PinDraft)} does, and runs {@code alongside} with
   * the new pin's id in the same transaction once the pin is written, so that the pin and what the
   * caller records about it (a collage's publication) commit together or not at all.
   */
  public PinView createPin(Principal caller, PinDraft draft, ObjLongConsumer<Sql> alongside) {
    Target target = new Target(caller, draft.boardId(), draft.sectionId());
    long id = ids.next(Ids.shardOf(draft.boardId()));
    database.inTransaction(
        tx -> {
          Board board = target.current();
          List<Long> sources =
              media.ingest(tx, draft.images().stream().map(PinDraft.DraftImage::input).toList());
          List<Pin.Item> items = new ArrayList<>();
          for (int i = 0; i < sources.size(); i++) {
            PinDraft.DraftImage image = draft.images().get(i);
            items.add(
                new Pin.Item(sources.get(i), image.title(), image.description(), image.link()));
          }
          // The account's row first, then the board's (platform.db's lock order); the media rows
          // the images need were taken just before, as that order says.
          accounts.addToCounts(tx, board.ownerId(), 0, 1);
          target.requireOwned(tx);
          if (!boards.addToPinCount(tx, board.id(), 1)) {
            // Deleted since it was checked.
            throw Unknown.BOARD.error();
          }
          pins.insert(
              tx,
              new Pin(
                  id,
                  board.ownerId(),
                  board.ownerUsername(),
                  board.id(),
                  board.isSecret(),
                  draft.sectionId().orElse(0),
                  draft.title(),
                  draft.description(),
                  draft.link(),
                  draft.altText(),
                  draft.dominantColor(),
                  0,
                  Pin.NO_PARENT,
                  draft.creativeType(),
                  clock.instant().truncatedTo(ChronoUnit.MICROS),
                  draft.collageId(),
                  items,
                  pinnerOn(caller, board.ownerId()),
                  "",
                  board.archived(),
                  board.members()));
          activity.record(tx, board.id(), caller.accountId(), BoardActivity.Action.PIN_ADDED, id);
          if (!board.isSecret()) {
            // In the pin's transaction: a crash after the commit loses no feed entry.
            fanOut.enqueue(tx, id);
          }
          alongside.accept(tx, id);
        });
    pageCache.invalidate(draft.boardId());
    media.wake();
    fanOut.wake();
    onWritten.written(id);
    return written(id);
  }

  /**
   * What the pin cache held of some pins when they were shown, to tell later whether what was made
   * of them (a page's body) may be served again.
   *
   * @param ids the pins
   * @param tickets the pin cache's ticket of each, taken before it was read
   * @param renewAt when the first of their views must be made again
   */
  public record Stamp(List<Long> ids, ReadCache.Ticket[] tickets, Instant renewAt) {}

  /**
   * The pins of {@code ids} as {@link #visiblePins} shows them to the caller, and their {@link
   * Stamp}.
   */
  public Stamped stamped(Principal caller, List<Long> ids) {
    List<Long> stamped = List.copyOf(ids);
    ReadCache.Ticket[] tickets = new ReadCache.Ticket[stamped.size()];
    for (int i = 0; i < tickets.length; i++) {
      tickets[i] = pinCache.ticket(stamped.get(i));
    }
    List<PinView> views = visiblePins(caller, stamped);
    Instant renewAt = Instant.MAX;
    for (PinView view : views) {
      renewAt = view.renewAt().isBefore(renewAt) ? view.renewAt() : renewAt;
    }
    return new Stamped(views, new Stamp(stamped, tickets, renewAt));
  }

  /**
   * Pins as shown, with the stamp that tells whether they still are.
   *
   * @param views the pins shown
   * @param stamp the pin cache's state when they were read
   */
  public record Stamped(List<PinView> views, Stamp stamp) {}

  /**
   * Whether every pin of {@code stamp} is still what was read after it on every server: none
   * written since, none of its views due for renewal.
   */
  public boolean unchanged(Stamp stamp) {
    return pinCache.unchanged(stamp.ids(), stamp.tickets())
        && (stamp.renewAt().equals(Instant.MAX) || clock.instant().isBefore(stamp.renewAt()));
  }

  /**
   * The pins of {@code ids} that exist and the caller may see, in the order given, each served from
   * memory when it is hot; those not in memory are read in one statement.
   */
  public List<PinView> visiblePins(Principal caller, List<Long> ids) {
    Map<Long, PinView> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    for (long id : ids) {
      Optional<PinView> cached = pinCache.get(id).filter(v -> v.fresh(clock));
      if (cached.isPresent()) {
        found.put(id, cached.get());
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      Map<Long, ReadCache.Ticket> tickets = new HashMap<>();
      missing.forEach(id -> tickets.put(id, pinCache.ticket(id)));
      for (PinView view : views(pins.findAll(database, missing))) {
        long id = view.pin().id();
        found.put(id, view);
        pinCache.put(id, Objects.requireNonNull(tickets.get(id)), view);
      }
    }
    List<PinView> visible = new ArrayList<>(ids.size());
    for (long id : ids) {
      PinView view = found.get(id);
      if (view != null && AccessPolicy.seesPin(caller, view.pin().guarded())) {
        visible.add(view);
      }
    }
    return visible;
  }

  /**
   * A pin the caller may see, with the state of its images; served from memory when it is hot, as
   * the same value until the pin changes.
   */
  public PinView pin(Principal caller, long pinId) {
    PinView pin = current(pinId).orElseThrow(Unknown.PIN::error);
    AccessPolicy.requireSeePin(caller, pin.pin().guarded());
    return pin;
  }

  /**
   * How a pin is guarded now, whoever asks: for the access policy's decisions about what is made
   * from it (its cutouts, the collage it was published from). Empty once the pin is gone.
   */
  public Optional<AccessPolicy.Guarded> guardedPin(long pinId) {
    return current(pinId).map(v -> v.pin().guarded());
  }

  /** A pin as it is now: from memory while the cache holds a fresh view, else read and kept. */
  private Optional<PinView> current(long pinId) {
    Optional<PinView> cached = pinCache.get(pinId).filter(v -> v.fresh(clock));
    if (cached.isPresent()) {
      return cached;
    }
    ReadCache.Ticket ticket = pinCache.ticket(pinId);
    Optional<PinView> read = pins.find(database, pinId).map(this::view);
    read.ifPresent(v -> pinCache.put(pinId, ticket, v));
    return read;
  }

  /**
   * The pin the caller just wrote. Its writer may hold {@code pins:write_secret} without {@code
   * pins:read_secret}; answering 404 after a successful write would invite a duplicating retry, so
   * the writer sees what it wrote, as board writes do.
   */
  private PinView written(long pinId) {
    return view(pins.find(database, pinId).orElseThrow(Unknown.PIN::error));
  }

  /** Edits a pin's text, and moves it between the caller's boards and sections. */
  public PinView updatePin(Principal caller, long pinId, PinChanges changes) {
    Optional<Board> target =
        changes.boardId().isPresent()
            ? Optional.of(
                boards.pinTarget(
                    caller,
                    changes.boardId().getAsLong(),
                    changes.sectionId().stream().filter(s -> s != 0).findFirst()))
            : Optional.empty();
    AtomicBoolean turnsSecrecy = new AtomicBoolean();
    try (Touched touched = new Touched()) {
      touched.add(pinCache, pinId);
      target.ifPresent(b -> touched.add(pageCache, b.id()));
      database.inTransaction(
          tx -> {
            Pin pin = lockForChange(tx, caller, pinId);
            touched.add(pageCache, pin.boardId());
            // Read under the pin's owner's row, which a hand-over of the target to or from that
            // owner waits for.
            if (target.isPresent()
                && !boards.ownerOf(tx, target.get().id()).equals(Optional.of(pin.ownerId()))) {
              throw new ApiException.InvalidInput(
                  "board_id: a pin moves only between boards of the same owner.");
            }
            if (target.isPresent() && !sameHome(target.get().id(), pin.boardId())) {
              throw new ApiException.InvalidInput(HOME_RULE.formatted("board_id"));
            }
            turnsSecrecy.set(target.filter(b -> b.isSecret() != pin.onSecretBoard()).isPresent());
            long boardId = target.map(Board::id).orElse(pin.boardId());
            long sectionId;
            if (changes.sectionId().isPresent()) {
              sectionId = changes.sectionId().getAsLong();
              if (sectionId != 0 && !boards.sectionExists(boardId, sectionId)) {
                throw Unknown.SECTION_ON_BOARD.error();
              }
            } else {
              sectionId = boardId == pin.boardId() ? pin.sectionId() : 0;
            }
            if (boardId != pin.boardId()) {
              // Both boards' rows in id order, then the pin's (platform.db's lock order).
              long lower = Math.min(boardId, pin.boardId());
              long higher = Math.max(boardId, pin.boardId());
              boards.addToPinCount(tx, lower, lower == boardId ? 1 : -1);
              boards.addToPinCount(tx, higher, higher == boardId ? 1 : -1);
            } else if (sectionId != pin.sectionId()) {
              boards.addToPinCount(tx, boardId, 0);
            }
            boolean onBoard = boardId != pin.boardId();
            boolean inSection = onBoard || sectionId != pin.sectionId();
            PinRepository.Arrival arrival =
                inSection ? new PinRepository.Arrival(onBoard, true) : PinRepository.Arrival.NONE;
            pins.update(
                tx,
                pinId,
                boardId,
                sectionId,
                changes.title().orElse(pin.title()),
                changes.description().orElse(pin.description()),
                changes.link().orElse(pin.link()),
                changes.altText().orElse(pin.altText()),
                arrival);
            boolean moved = boardId != pin.boardId() || sectionId != pin.sectionId();
            if (boardId != pin.boardId()) {
              activity.record(
                  tx, pin.boardId(), caller.accountId(), BoardActivity.Action.PIN_MOVED, pinId);
            }
            activity.record(
                tx,
                boardId,
                caller.accountId(),
                moved ? BoardActivity.Action.PIN_MOVED : BoardActivity.Action.PIN_EDITED,
                pinId);
          });
    } finally {
      if (turnsSecrecy.get()) {
        // Pins saved from this one show or hide their parent by its secrecy, wherever they are.
        caches.clearAll();
      }
    }
    onWritten.written(pinId);
    return written(pinId);
  }

  /** Deletes a pin; pins saved from it and the images they share stay. */
  public void deletePin(Principal caller, long pinId) {
    try (Touched touched = new Touched()) {
      touched.add(pinCache, pinId);
      database.inTransaction(
          tx -> {
            Pin pin = lockForChange(tx, caller, pinId);
            touched.add(pageCache, pin.boardId());
            boards.addToPinCount(tx, pin.boardId(), -1);
            accounts.addToCounts(tx, pin.ownerId(), 0, -1);
            pins.delete(tx, pinId);
            activity.record(
                tx, pin.boardId(), caller.accountId(), BoardActivity.Action.PIN_REMOVED, pinId);
          });
    }
  }

  /**
   * Takes the first lock of a change to a pin the caller may change, its owner's account row
   * (platform.db's lock order), and answers the pin as it is under that lock. Every write of the
   * owner's boards and pins holds that lock, so the pin stays where it is until the transaction
   * ends, and its boards can be locked before its own row.
   */
  private Pin lockForChange(Sql tx, Principal caller, long pinId) {
    Pin seen = pins.find(tx, pinId).orElseThrow(Unknown.PIN::error).pin();
    // Checked before the lock too, so that nobody holds another account's lock for long.
    AccessPolicy.requireChangePin(caller, seen.guarded());
    accounts.lockForWrites(tx, seen.ownerId());
    Pin pin = pins.find(tx, pinId).orElseThrow(Unknown.PIN::error).pin();
    BoardService.requireSameOwner(seen.ownerId(), pin.ownerId(), pin.boardId());
    AccessPolicy.requireChangePin(caller, pin.guarded());
    return pin;
  }

  /** The most pins one bulk change takes. */
  public static final int BULK_MAX = 250;

  /**
   * Moves, copies (saves) or deletes up to {@link #BULK_MAX} distinct pins, all or nothing in one
   * transaction: the board and account counts, the boards' trails (one row per pin, written by the
   * same transaction) and what the pins set going change with them. The pins are checked in the
   * order given and the first that may not be changed (or, for a copy, seen) answers the error,
   * naming that pin; nothing is written then. {@code boardId} and {@code sectionId} name the target
   * of a move or copy (ignored for a delete).
   */
  public BulkResult bulkPins(
      Principal caller,
      BulkAction action,
      List<Long> pinIds,
      long boardId,
      OptionalLong sectionId) {
    if (pinIds.isEmpty()
        || pinIds.size() > BULK_MAX
        || Set.copyOf(pinIds).size() != pinIds.size()) {
      throw new IllegalArgumentException("1 to " + BULK_MAX + " distinct pins, not " + pinIds);
    }
    return switch (action) {
      case MOVE -> movePins(caller, pinIds, new Target(caller, boardId, sectionId), sectionId);
      case COPY -> copyPins(caller, pinIds, new Target(caller, boardId, sectionId), sectionId);
      case DELETE -> deletePins(caller, pinIds);
    };
  }

  private BulkResult movePins(
      Principal caller, List<Long> pinIds, Target to, OptionalLong sectionId) {
    AtomicBoolean turnsSecrecy = new AtomicBoolean();
    try (Touched touched = new Touched()) {
      pinIds.forEach(id -> touched.add(pinCache, id));
      touched.add(pageCache, to.current().id());
      database.inTransaction(
          tx -> {
            List<PinRepository.Placed> placed = lockForBulkChange(tx, caller, pinIds, to);
            Board target = to.current();
            if (sectionId.isPresent()
                && !boards.sectionExists(target.id(), sectionId.getAsLong())) {
              throw Unknown.SECTION_ON_BOARD.error();
            }
            // The target's row and every source board's, in id order, after the account's row.
            Map<Long, Integer> deltas = new HashMap<>();
            deltas.put(target.id(), 0);
            List<BoardActivity.Entry> trail = new ArrayList<>();
            for (PinRepository.Placed pin : placed) {
              touched.add(pageCache, pin.boardId());
              if (pin.ownerId() != target.ownerId()) {
                throw new ApiException.InvalidInput(
                    "pin_ids: pin "
                        + pin.id()
                        + " is on another account's board; pins move only between boards of one"
                        + " account.");
              }
              if (!sameHome(target.id(), pin.boardId())) {
                throw new ApiException.InvalidInput(
                    HOME_RULE.formatted("pin_ids: pin " + pin.id()));
              }
              if (pin.onSecretBoard() != target.isSecret()) {
                turnsSecrecy.set(true);
              }
              // A move is recorded on both boards' trails as PIN_MOVED, so each trail tells where
              // its pins went or came from; a move inside one board is recorded once.
              trail.add(
                  new BoardActivity.Entry(target.id(), BoardActivity.Action.PIN_MOVED, pin.id()));
              if (pin.boardId() != target.id()) {
                deltas.merge(pin.boardId(), -1, Integer::sum);
                deltas.merge(target.id(), 1, Integer::sum);
                trail.add(
                    new BoardActivity.Entry(
                        pin.boardId(), BoardActivity.Action.PIN_MOVED, pin.id()));
              }
            }
            if (!boards.addToPinCounts(tx, deltas)) {
              throw Unknown.BOARD.error();
            }
            pins.moveAll(tx, Ids.shardOf(target.id()), pinIds, target.id(), sectionId.orElse(0));
            activity.recordAll(tx, caller.accountId(), trail);
          });
    } finally {
      if (turnsSecrecy.get()) {
        // Pins saved from these show or hide their parents by their secrecy, wherever they are.
        caches.clearAll();
      }
    }
    // Their search documents hold their board's name.
    onWritten.writtenAll(pinIds);
    return new BulkResult(BulkAction.MOVE, pinIds);
  }

  private BulkResult deletePins(Principal caller, List<Long> pinIds) {
    try (Touched touched = new Touched()) {
      pinIds.forEach(id -> touched.add(pinCache, id));
      database.inTransaction(
          tx -> {
            List<PinRepository.Placed> placed = lockForBulkChange(tx, caller, pinIds, null);
            Map<Long, Integer> boardDeltas = new HashMap<>();
            Map<Long, Integer> ownerDeltas = new TreeMap<>();
            Map<Short, List<Long>> byShard = new TreeMap<>();
            List<BoardActivity.Entry> trail = new ArrayList<>();
            for (PinRepository.Placed pin : placed) {
              touched.add(pageCache, pin.boardId());
              boardDeltas.merge(pin.boardId(), -1, Integer::sum);
              ownerDeltas.merge(pin.ownerId(), -1, Integer::sum);
              byShard.computeIfAbsent(Ids.shardOf(pin.id()), s -> new ArrayList<>()).add(pin.id());
              trail.add(
                  new BoardActivity.Entry(
                      pin.boardId(), BoardActivity.Action.PIN_REMOVED, pin.id()));
            }
            // On account rows this transaction holds already, then the boards in id order.
            ownerDeltas.forEach((owner, delta) -> accounts.addToCounts(tx, owner, 0, delta));
            boards.addToPinCounts(tx, boardDeltas);
            activity.recordAll(tx, caller.accountId(), trail);
            byShard.forEach((shard, ids) -> pins.deleteAll(tx, shard, ids));
          });
    }
    return new BulkResult(BulkAction.DELETE, pinIds);
  }

  private BulkResult copyPins(
      Principal caller, List<Long> pinIds, Target to, OptionalLong sectionId) {
    // As a save does, the pins copied are checked and read without a lock.
    Map<Long, PinRepository.Placed> sources = placedIn(database, pinIds);
    for (long id : pinIds) {
      PinRepository.Placed pin = sources.get(id);
      if (pin == null) {
        throw Unknown.PIN.at("Pin " + id);
      }
      naming(id, () -> AccessPolicy.requireSeePin(caller, guarded(pin)));
    }
    short shard = Ids.shardOf(to.current().id());
    List<Long> newIds = pinIds.stream().map(id -> ids.next(shard)).toList();
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      database.inTransaction(
          tx -> {
            Board target = to.current();
            // The account's row first, then the board's (platform.db's lock order).
            accounts.addToCounts(tx, target.ownerId(), 0, pinIds.size());
            to.requireOwned(tx);
            if (!boards.addToPinCounts(tx, Map.of(target.id(), pinIds.size()))) {
              throw Unknown.BOARD.error();
            }
            if (sectionId.isPresent()
                && !boards.sectionExists(target.id(), sectionId.getAsLong())) {
              throw Unknown.SECTION_ON_BOARD.error();
            }
            int written =
                pins.insertCopies(
                    tx,
                    target.ownerId(),
                    target.id(),
                    sectionId.orElse(0),
                    newIds,
                    pinIds,
                    createdAt,
                    pinnerOn(caller, target.ownerId()));
            if (written != pinIds.size()) {
              // A pin was deleted since it was checked: name the first one gone.
              Map<Long, PinRepository.Placed> still = placedIn(tx, pinIds);
              long gone =
                  pinIds.stream().filter(id -> !still.containsKey(id)).findFirst().orElse(0L);
              throw Unknown.PIN.at("Pin " + gone);
            }
            activity.recordAll(
                tx,
                caller.accountId(),
                newIds.stream()
                    .map(
                        id ->
                            new BoardActivity.Entry(
                                target.id(), BoardActivity.Action.PIN_ADDED, id))
                    .toList());
            if (!target.isSecret()) {
              // In the pins' transaction: a crash after the commit loses no feed entry.
              fanOut.enqueueAll(tx, newIds);
            }
          });
    } finally {
      pageCache.invalidate(to.current().id());
    }
    if (!to.current().isSecret()) {
      fanOut.wake();
    }
    onWritten.writtenAll(newIds);
    return new BulkResult(BulkAction.COPY, newIds);
  }

  /**
   * Takes the first locks of a change to many pins the caller may change, as {@link #lockForChange}
   * does for one: the account rows of their boards' owners (and of the target board's, when there
   * is one), in id order, so two bulk changes of the same accounts queue instead of deadlocking;
   * answers the pins as they are under those locks, in the order given. The pins are checked in
   * that order, before the locks and again under them, and the first one that fails answers the
   * error, naming the pin.
   */
  private List<PinRepository.Placed> lockForBulkChange(
      Sql tx, Principal caller, List<Long> pinIds, @Nullable Target target) {
    Set<Long> owners = new TreeSet<>();
    for (PinRepository.Placed pin : checkedForChange(tx, caller, pinIds)) {
      owners.add(pin.ownerId());
    }
    if (target != null) {
      owners.add(target.current().ownerId());
    }
    owners.forEach(owner -> accounts.lockForWrites(tx, owner));
    List<PinRepository.Placed> placed = checkedForChange(tx, caller, pinIds);
    for (PinRepository.Placed pin : placed) {
      if (!owners.contains(pin.ownerId())) {
        // Its board was handed to another account between the first read and the locks.
        throw new StaleRead("pin " + pin.id() + " changed owner");
      }
    }
    if (target != null) {
      target.requireOwned(tx);
    }
    return placed;
  }

  /**
   * The board the caller puts pins on, as read for a transaction's first attempt, and read again
   * for the attempt after one that found it handed to another owner.
   */
  private final class Target {
    private final Principal caller;
    private final OptionalLong sectionId;
    private Board board;
    private boolean stale;

    Target(Principal caller, long boardId, OptionalLong sectionId) {
      this.caller = caller;
      this.sectionId = sectionId;
      this.board = boards.pinTarget(caller, boardId, sectionId);
    }

    /** The board for this attempt. */
    Board current() {
      if (stale) {
        board = boards.pinTarget(caller, board.id(), sectionId);
        stale = false;
      }
      return board;
    }

    /**
     * Fails with a {@link StaleRead}, which runs the transaction again, unless the board is still
     * its owner's as read, whose account row the transaction holds: 404 when it is gone.
     */
    void requireOwned(Sql tx) {
      long owner = boards.ownerOf(tx, board.id()).orElseThrow(Unknown.BOARD::error);
      stale = owner != board.ownerId();
      BoardService.requireSameOwner(board.ownerId(), owner, board.id());
    }
  }

  /** The pins as read now, in the order given, each one that the caller may change. */
  private List<PinRepository.Placed> checkedForChange(
      Sql sql, Principal caller, List<Long> pinIds) {
    Map<Long, PinRepository.Placed> found = placedIn(sql, pinIds);
    List<PinRepository.Placed> placed = new ArrayList<>(pinIds.size());
    for (long id : pinIds) {
      PinRepository.Placed pin = found.get(id);
      if (pin == null) {
        throw Unknown.PIN.at("Pin " + id);
      }
      naming(id, () -> AccessPolicy.requireChangePin(caller, guarded(pin)));
      placed.add(pin);
    }
    return placed;
  }

  private Map<Long, PinRepository.Placed> placedIn(Sql sql, List<Long> pinIds) {
    Map<Long, PinRepository.Placed> found = new HashMap<>();
    pins.findPlaced(sql, pinIds).forEach(p -> found.put(p.id(), p));
    return found;
  }

  private static AccessPolicy.Guarded guarded(PinRepository.Placed pin) {
    return new AccessPolicy.Guarded(
        pin.ownerId(),
        pin.onSecretBoard(),
        pin.onArchivedBoard(),
        pin.boardMembers(),
        pin.authorId());
  }

  /** Runs the access policy's check of one pin of many, its 404 and 403 naming the pin. */
  private static void naming(long pinId, Runnable check) {
    try {
      check.run();
    } catch (ApiException.NotFound e) {
      throw Unknown.PIN.at("Pin " + pinId);
    } catch (ApiException.Forbidden e) {
      throw new ApiException.Forbidden("Pin " + pinId + ": " + e.getMessage());
    }
  }

  /**
   * Saves a pin the caller may see onto one of the caller's boards: a new pin whose parent is the
   * saved pin and which shares its images (no bytes are copied).
   */
  public PinView savePin(Principal caller, long pinId, long boardId, OptionalLong sectionId) {
    PinView source = pin(caller, pinId);
    Pin from = source.pin();
    long id = ids.next(Ids.shardOf(boardId));
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // The board's owner name and privacy are learnt from the statement that writes the pin.
    SavedAs savedAs =
        (owner, pinner, ownerUsername, secret) ->
            new Pin(
                id,
                owner,
                ownerUsername,
                boardId,
                secret,
                sectionId.orElse(0),
                from.title(),
                from.description(),
                from.link(),
                from.altText(),
                from.dominantColor(),
                from.id(),
                from.guarded(),
                from.creativeType(),
                createdAt,
                from.collageId(),
                from.items(),
                pinner,
                "",
                false,
                Members.NONE);
    Optional<PinRepository.SavedTo> saved;
    boolean onGroupBoard = false;
    try {
      // Onto one of the caller's own boards, checked in the statement that writes: one round trip.
      saved =
          pins.insertSave(
              database,
              savedAs.pin(caller.accountId(), 0, "", false),
              pinId,
              AccessPolicy.addsPinsToSecretBoards(caller),
              ids.next(Ids.shardOf(boardId)));
      if (saved.isEmpty()) {
        // Nothing was written: find out why, in the order a client expects to hear it. A group
        // board the caller may add pins to takes the save as its owner's pin, by the caller.
        Board board = boards.pinTarget(caller, boardId, sectionId);
        if (board.ownerId() == caller.accountId()) {
          throw Unknown.PIN.error();
        }
        saved =
            pins.insertSave(
                database,
                savedAs.pin(board.ownerId(), caller.accountId(), "", false),
                pinId,
                true,
                ids.next(Ids.shardOf(boardId)));
        onGroupBoard = true;
      }
    } catch (RuntimeException e) {
      if (!(e instanceof ApiException) && pins.find(database, pinId).isEmpty()) {
        // The pin and its images were deleted while the save was under way.
        throw Unknown.PIN.error();
      }
      throw e;
    } finally {
      pageCache.invalidate(boardId);
    }
    if (saved.isEmpty()) {
      throw Unknown.PIN.error();
    }
    if (!saved.get().secret()) {
      // The save's statement enqueued the fan-out with the pin.
      fanOut.wake();
    }
    onWritten.written(id);
    if (onGroupBoard) {
      // Read back with its board's members and its pinner's name.
      return written(id);
    }
    // The new pin shows the same images as the pin it saves, as just read.
    return new PinView(
        savedAs.pin(caller.accountId(), 0, saved.get().ownerUsername(), saved.get().secret()),
        source.media(),
        source.renewAt());
  }

  /**
   * A page of a board's pins of the given creative types (all when none), most recently saved
   * first, read with the board in one statement. First pages are served from memory, as the same
   * value, until a pin on the board changes.
   */
  public Page<PinView> listBoardPins(
      Principal caller,
      long boardId,
      Set<CreativeType> creativeTypes,
      ListOrder order,
      PageRequest page) {
    if (order == ListOrder.CUSTOM) {
      readableBoard(caller, boardId);
      String list = "board-pins-custom:" + boardId + ":" + listKey(creativeTypes);
      return orderedPage(list, false, boardId, creativeTypes, page);
    }
    String list = "board-pins:" + boardId + ":" + listKey(creativeTypes);
    boolean first = page.bookmark().isEmpty();
    String variant = list + ":" + page.size();
    if (!first) {
      return boardPage(caller, boardId, creativeTypes, list, page).page();
    }
    ReadCache.Ticket ticket = pageCache.ticket(boardId);
    Optional<FirstPages> cached = pageCache.get(boardId);
    if (cached.isPresent()) {
      Page<PinView> hit = cached.get().pages().get(variant);
      // A board's pins share its privacy: only a secret board's pages carry expiring URLs.
      if (hit != null
          && (!cached.get().board().secret()
              || hit.items().stream().allMatch(v -> v.fresh(clock)))) {
        AccessPolicy.requireListBoardPins(caller, cached.get().board());
        return hit;
      }
    }
    BoardPage read = boardPage(caller, boardId, creativeTypes, list, page);
    pageCache.put(
        boardId,
        ticket,
        cached.isPresent() && cached.get().pages().size() < FIRST_PAGE_VARIANTS
            ? cached.get().with(variant, read.page())
            : new FirstPages(read.board(), Map.of(variant, read.page())));
    return read.page();
  }

  /**
   * A page of a board's pins that the caller may list, read with the board in one statement: the
   * board is checked as {@link #readableBoard} checks it before any of its pins is answered.
   */
  private BoardPage boardPage(
      Principal caller,
      long boardId,
      Set<CreativeType> creativeTypes,
      String list,
      PageRequest request) {
    AccessPolicy.Guarded[] board = new AccessPolicy.Guarded[1];
    Page<PinRepository.PinRow> page =
        bookmarks.newestFirst(
            list,
            request,
            (before, limit) -> {
              PinRepository.BoardPage read =
                  pins.listByBoard(database, boardId, creativeTypes, before, limit)
                      .orElseThrow(Unknown.BOARD::error);
              board[0] = read.board().guarded();
              return read.pins();
            },
            r -> r.pin().id());
    AccessPolicy.Guarded guarded = Objects.requireNonNull(board[0]);
    if (!AccessPolicy.seesBoard(caller, guarded)) {
      throw Unknown.BOARD.error();
    }
    AccessPolicy.requireListBoardPins(caller, guarded);
    return new BoardPage(guarded, new Page<>(views(page.items()), page.bookmark()));
  }

  /**
   * A board as the access policy knows it and a page of its pins.
   *
   * @param board the board, read with the page
   * @param page the page
   */
  private record BoardPage(AccessPolicy.Guarded board, Page<PinView> page) {}

  /** A page of a section's pins, most recently saved first or in manual order. */
  public Page<PinView> listSectionPins(
      Principal caller, long boardId, long sectionId, ListOrder order, PageRequest page) {
    readableBoard(caller, boardId);
    boards.section(caller, boardId, sectionId);
    if (order == ListOrder.CUSTOM) {
      String list = "section-pins-custom:" + sectionId;
      return orderedPage(list, true, sectionId, Set.of(), page);
    }
    String list = "section-pins:" + sectionId;
    return viewPage(
        list, page, (before, limit) -> pins.listBySection(database, sectionId, before, limit));
  }

  /**
   * A page of a board's or a section's pins in manual order ({@link Bookmarks#manualOrder} says
   * what a walk guarantees).
   */
  private Page<PinView> orderedPage(
      String list,
      boolean section,
      long groupId,
      Set<CreativeType> creativeTypes,
      PageRequest request) {
    Page<ManualOrder.Ranked<PinRepository.PinRow>> page =
        bookmarks.manualOrder(
            list,
            request,
            () -> ManualOrder.walkSnapshot(database),
            (key, id, snapshot, limit) ->
                pins.listInOrder(
                    database, section, groupId, creativeTypes, key, id, snapshot, limit),
            ManualOrder.Ranked::sortKey,
            r -> r.item().pin().id());
    return new Page<>(
        views(page.items().stream().map(ManualOrder.Ranked::item).toList()), page.bookmark());
  }

  /**
   * Moves a pin of a board the caller may arrange to just after another of its pins, or first when
   * {@code after} is empty; within a section's order when {@code sectionId} is given, where both
   * pins must be. 404 naming the field for a pin or section that is not there, 400 for a pin after
   * itself.
   */
  public void movePin(
      Principal caller, long boardId, OptionalLong sectionId, long pinId, OptionalLong after) {
    BoardService.checkNotAfterItself("pin_id", pinId, after);
    boolean section = sectionId.isPresent();
    boards.arrange(
        caller,
        boardId,
        BoardActivity.Action.PIN_MOVED,
        pinId,
        (tx, mayRespace) -> {
          if (section && !boards.sectionExists(boardId, sectionId.getAsLong())) {
            throw Unknown.SECTION_ON_BOARD.at("section_id");
          }
          return (section ? PinRepository.SECTION_ORDER : PinRepository.BOARD_ORDER)
                  .move(
                      tx,
                      Ids.shardOf(boardId),
                      section ? sectionId.getAsLong() : boardId,
                      pinId,
                      after,
                      mayRespace,
                      () -> Unknown.PIN.at("pin_id"),
                      () -> Unknown.PIN.at("after"))
              != ManualOrder.NO_ROOM;
        });
  }

  /**
   * A page of the caller's pins, newest first: all of them, only saves or only the pins the caller
   * created, of the given creative types (all when none).
   */
  public Page<PinView> listPins(
      Principal caller, SavesFilter saves, Set<CreativeType> creativeTypes, PageRequest page) {
    boolean secret = AccessPolicy.listsSecretPins(caller);
    String list =
        "pins:"
            + caller.accountId()
            + ":"
            + secret
            + ":"
            + listKey(saves)
            + ":"
            + listKey(creativeTypes);
    return viewPage(
        list,
        page,
        (before, limit) ->
            pins.listByOwner(
                database, caller.accountId(), secret, saves, creativeTypes, before, limit));
  }

  // The names of lists sign their bookmarks: these spell them as they always have, so a bookmark
  // stays good across a rolling upgrade.
  private static String listKey(Set<CreativeType> types) {
    return types.isEmpty()
        ? ""
        : types.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static String listKey(SavesFilter saves) {
    return switch (saves) {
      case ALL -> "null";
      case SAVES_ONLY -> "true";
      case NATIVE_ONLY -> "false";
    };
  }

  /** A page of pins, newest first, with the state of their images. */
  private Page<PinView> viewPage(
      String list, PageRequest request, Bookmarks.Fetch<PinRepository.PinRow> fetch) {
    Page<PinRepository.PinRow> page =
        bookmarks.newestFirst(list, request, fetch, r -> r.pin().id());
    return new Page<>(views(page.items()), page.bookmark());
  }

  /** A pin as read, with the state of its images. */
  private PinView view(PinRepository.PinRow row) {
    return views(List.of(row)).getFirst();
  }

  /**
   * Pins as read, with the state of their images (asked of the media feature for all of them at
   * once) and their URLs signed where only secret boards show them.
   */
  private List<PinView> views(List<PinRepository.PinRow> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<SourceRef> sources = new ArrayList<>();
    for (PinRepository.PinRow row : rows) {
      sources.addAll(row.sources());
    }
    Map<Long, MediaView> states = media.views(sources);
    MediaUrls.Window signing = null;
    List<PinView> views = new ArrayList<>(rows.size());
    for (PinRepository.PinRow row : rows) {
      MediaUrls.Window window = MediaUrls.UNSIGNED;
      if (row.pin().onSecretBoard()) {
        // One window for the whole page, so its pins are made again together.
        signing = signing == null ? media.signing() : signing;
        window = signing;
      }
      List<MediaView> images = new ArrayList<>(row.pin().items().size());
      for (Pin.Item item : row.pin().items()) {
        MediaView state = states.getOrDefault(item.sourceId(), MediaView.failedMissing());
        images.add(row.pin().onSecretBoard() ? media.signed(state, window) : state);
      }
      views.add(new PinView(row.pin(), images, window.renewAt()));
    }
    return views;
  }

  /** A board whose pins the caller may list. */
  private Board readableBoard(Principal caller, long boardId) {
    Board board = boards.board(caller, boardId);
    AccessPolicy.requireListBoardPins(caller, board.guarded());
    return board;
  }

  /**
   * How a board is guarded (for the visibility check) and the first pages of its pin lists, by list
   * and size.
   *
   * @param board the board as read with the pages
   * @param pages the first pages by list name and page size
   */
  private record FirstPages(AccessPolicy.Guarded board, Map<String, Page<PinView>> pages) {

    /** About how many bytes of heap the pages hold, for the cache bounded in bytes. */
    int estimatedBytes() {
      int bytes = 512;
      for (Page<PinView> page : pages.values()) {
        bytes += 128;
        for (PinView view : page.items()) {
          bytes += view.estimatedBytes();
        }
      }
      return bytes;
    }

    FirstPages with(String variant, Page<PinView> page) {
      Map<String, Page<PinView>> more = new HashMap<>(pages);
      more.put(variant, page);
      return new FirstPages(board, Map.copyOf(more));
    }
  }

  /** A saved pin as its save's statement writes it, or as it answers once written. */
  @FunctionalInterface
  private interface SavedAs {
    Pin pin(long ownerId, long pinnerId, String ownerUsername, boolean secret);
  }

  /**
   * Why a pin may not move to a board of the same owner that was made by another account: a pin
   * lives with its board where the board was made, under an id that says so.
   */
  private static final String HOME_RULE =
      "%s: a pin moves only between boards made by the same account; a board handed to its owner"
          + " by another account keeps its pins apart from the owner's other boards.";

  /** Whether two boards were made by the same account, so that pins may move between them. */
  private static boolean sameHome(long boardId, long otherBoardId) {
    return Ids.shardOf(boardId) == Ids.shardOf(otherBoardId);
  }

  /** The pinner of a pin the caller puts on a board of {@code ownerId}: 0 for the owner's own. */
  private static long pinnerOn(Principal caller, long ownerId) {
    return caller.accountId() == ownerId ? 0 : caller.accountId();
  }
}
