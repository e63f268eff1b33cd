package dev.corkboard.feed;

import dev.corkboard.follow.FollowService;
import dev.corkboard.follow.Following;
import dev.corkboard.pin.Pin;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The home feed: the pins saved to the boards an account follows, directly or through their owners,
 * newest first, each once and never the account's own.
 *
 * <p>A first page is answered from the pins read for it for {@link ServerConfig.Feed#firstPageFor}:
 * the pins are filtered again at every read, by what the reader follows now and by the pins as they
 * are now (which the pin feature keeps coherent on every server), so a deleted pin, a board turned
 * secret, a move and an unfollow still take effect at once; only new pins wait that long. The page
 * made of them is served again, the same object, while none of its pins changed on any server
 * ({@link PinService#unchanged}).
 */
public final class FeedService {

  /** What the first pages of the feeds read in the last minute weigh at most. */
  private static final long FIRST_PAGE_BYTES = 64L << 20;

  private final Database database;
  private final PinService pins;
  private final FollowService follows;
  private final Bookmarks bookmarks;
  private final ServerConfig.Feed settings;
  private final FeedRepository feeds = new FeedRepository();
  private final boolean keepsFirstPages;
  private final ReadCache<Long, FirstPage> firstPages;

  public FeedService(
      Database database,
      PinService pins,
      FollowService follows,
      Bookmarks bookmarks,
      ServerConfig.Feed settings,
      ReadCaches caches) {
    this.database = database;
    this.pins = pins;
    this.follows = follows;
    this.bookmarks = bookmarks;
    this.settings = settings;
    this.keepsFirstPages = caches.enabled() && settings.firstPageFor().isPositive();
    this.firstPages =
        caches.create(
            "feed_first_pages", FIRST_PAGE_BYTES, FirstPage::estimatedBytes, Long::valueOf);
  }

  /**
   * The pins read for the first page of a feed, newest first: a few more than a page, so that a
   * page stays full when some are hidden since.
   *
   * @param ids the pins' ids
   * @param complete whether the feed had no pins but these when read
   * @param following what the reader followed when they were read: when it changes, they are read
   *     again
   * @param readAt when they were read, in {@link System#nanoTime} nanoseconds
   */
  private record FirstPage(
      List<Long> ids,
      boolean complete,
      Following following,
      long readAt,
      AtomicReference<@Nullable Shown> shown) {

    int estimatedBytes() {
      return 160 + 48 * ids.size();
    }
  }

  /**
   * A first page made of the pins read for it, served again, the same object, while none of them
   * changed (so its body, too, is written once).
   *
   * @param size the page's size
   * @param stamp what the pin cache held of the pins when they were shown
   * @param page the page, or empty when the pins no longer fill it
   */
  private record Shown(int size, PinService.Stamp stamp, Optional<Page<PinView>> page) {}

  /**
   * A page of the caller's home feed: the pins written to its feed by their fan-out and the newest
   * pins of followed accounts with so many followers that they are merged here instead, kept only
   * while the pin exists on a public board the caller follows, in one statement; the pins are then
   * shown as the pin feature shows them to the caller.
   */
  public Page<PinView> feed(Principal caller, PageRequest page) {
    long reader = caller.accountId();
    Following following = follows.following(reader);
    if (page.bookmark().isEmpty() && keepsFirstPages) {
      Optional<Page<PinView>> first = firstPage(caller, following, page.size());
      if (first.isPresent()) {
        return first.get();
      }
    }
    Page<Long> ids =
        bookmarks.newestFirst(
            list(reader),
            page,
            (before, limit) ->
                feeds.page(database, reader, following, before, limit, settings.mergeAbove()),
            id -> id);
    return new Page<>(pins.visiblePins(caller, ids.items()), ids.bookmark());
  }

  /**
   * The first page of {@code size} pins from the pins read for it (read now if they are older than
   * the setting allows or were read with other follows), or empty when so many of them are hidden
   * since that they no longer fill it.
   */
  private Optional<Page<PinView>> firstPage(Principal caller, Following following, int size) {
    long reader = caller.accountId();
    long now = System.nanoTime();
    FirstPage read =
        firstPages
            .get(reader)
            .filter(
                p ->
                    p.following() == following
                        && now - p.readAt() < settings.firstPageFor().toNanos()
                        && (p.complete() || p.ids().size() > size))
            .orElse(null);
    if (read == null) {
      ReadCache.Ticket ticket = firstPages.ticket(reader);
      int asked = Math.min(size + size / 4 + 1, PageRequest.MAX_SIZE + 1);
      List<Long> ids =
          feeds.page(database, reader, following, Long.MAX_VALUE, asked, settings.mergeAbove());
      read =
          new FirstPage(
              List.copyOf(ids), ids.size() < asked, following, now, new AtomicReference<>());
      firstPages.put(reader, ticket, read);
    }
    Shown held = read.shown().get();
    if (held != null && held.size() == size && pins.unchanged(held.stamp())) {
      return held.page();
    }
    PinService.Stamped stamped = pins.stamped(caller, read.ids());
    List<PinView> shown =
        stamped.views().stream().filter(view -> inFeed(view.pin(), reader, following)).toList();
    Optional<Page<PinView>> page;
    if (shown.size() > size) {
      List<PinView> items = shown.subList(0, size);
      page =
          Optional.of(
              new Page<>(
                  items,
                  Optional.of(
                      bookmarks.encode(list(reader), Long.toString(items.getLast().pin().id())))));
    } else {
      page = read.complete() ? Optional.of(new Page<>(shown, Optional.empty())) : Optional.empty();
    }
    read.shown().set(new Shown(size, stamped.stamp(), page));
    return page;
  }

  /** Whether the pin belongs in the feed of {@code reader}, which follows {@code following}. */
  private static boolean inFeed(Pin pin, long reader, Following following) {
    return !pin.onSecretBoard()
        && !pin.onArchivedBoard()
        && pin.ownerId() != reader
        && following.follows(pin.boardId(), pin.ownerId());
  }

  private static String list(long reader) {
    return "feed:" + reader;
  }
}
