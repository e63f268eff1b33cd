package dev.corkboard.feed;

import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import java.util.List;

/**
 * The home feed: the pins saved to the boards an account follows, directly or through their owners,
 * newest first, each once and never the account's own.
 */
public final class FeedService {

  private final Database database;
  private final PinService pins;
  private final Bookmarks bookmarks;
  private final ServerConfig.Feed settings;
  private final FeedRepository feeds = new FeedRepository();

  public FeedService(
      Database database, PinService pins, Bookmarks bookmarks, ServerConfig.Feed settings) {
    this.database = database;
    this.pins = pins;
    this.bookmarks = bookmarks;
    this.settings = settings;
  }

  /**
   * A page of the caller's home feed: the pins written to its feed by their fan-out and the newest
   * pins of followed accounts with so many followers that they are merged here instead, kept only
   * while the pin exists on a public board the caller follows, in one statement; the pins are then
   * shown as the pin feature shows them to the caller.
   */
  public Page<PinView> feed(Principal caller, PageRequest page) {
    Page<Long> ids =
        bookmarks.newestFirst(
            "feed:" + caller.accountId(),
            page,
            (before, limit) ->
                feeds.page(database, caller.accountId(), before, limit, settings.mergeAbove()),
            id -> id);
    List<PinView> shown = pins.visiblePins(caller, ids.items());
    return new Page<>(shown, ids.bookmark());
  }
}
