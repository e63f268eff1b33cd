package dev.corkboard.search;

import dev.corkboard.board.Board;
import dev.corkboard.board.BoardPrivacyFilter;
import dev.corkboard.board.BoardService;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.ListOrder;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Use cases of search: the caller's own pins (by words or by ids) and boards, and everybody's
 * public pins and boards, ranked and paged by bookmark. What a caller may find is the {@link
 * AccessPolicy}'s to say, decided in the statement that searches; what is found is then read as the
 * pin and board features answer it, checked once more.
 */
public final class SearchService {

  private static final String PUBLIC_PINS = "search-public-pins";
  private static final SearchRepository.Kind PINS = SearchRepository.Kind.PINS;

  /** A query of pin ids: digits and commas only, each id of twelve digits or more. */
  private static final Pattern PIN_IDS =
      Pattern.compile("\\s*\\d{12,19}(\\s*,\\s*\\d{12,19})*\\s*");

  private final Database database;
  private final PinService pins;
  private final BoardService boards;
  private final Bookmarks bookmarks;
  private final SearchPages firstPages;
  private final SearchRepository search = new SearchRepository();

  /** Searches whose public first pages {@code index}'s writes keep current. */
  public SearchService(
      Database database,
      PinService pins,
      BoardService boards,
      Bookmarks bookmarks,
      SearchIndex index) {
    this.database = database;
    this.pins = pins;
    this.boards = boards;
    this.bookmarks = bookmarks;
    this.firstPages = index.pages();
  }

  /** The caller's pins that match the words of {@code query}, or whose ids it lists. */
  public Page<PinView> searchOwnPins(Principal caller, String query, PageRequest page) {
    boolean secret = AccessPolicy.listsSecretPins(caller);
    if (PIN_IDS.matcher(query).matches()) {
      List<Long> ids = new ArrayList<>();
      for (String id : query.split(",")) {
        try {
          ids.add(Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
          throw new ApiException.InvalidInput(
              "query has a pin id out of range: " + id.trim() + ".");
        }
      }
      String list = "search-pin-ids:" + caller.accountId() + ":" + secret + ":" + ids;
      Page<Long> found =
          bookmarks.newestFirst(
              list,
              page,
              (before, limit) ->
                  search.ownPinsById(database, caller.accountId(), ids, before, limit, secret),
              Long::longValue);
      return seen(found, pinIds -> pins.visiblePins(caller, pinIds));
    }
    return ranked(
        "search-pins:" + caller.accountId() + ":" + secret,
        SearchRepository.Kind.PINS,
        OptionalLong.of(caller.accountId()),
        secret,
        query,
        page,
        ids -> pins.visiblePins(caller, ids));
  }

  /** The caller's boards that match {@code query}; all of them, newest first, without one. */
  public Page<Board> searchOwnBoards(Principal caller, Optional<String> query, PageRequest page) {
    if (query.isEmpty()) {
      return boards.listBoards(caller, BoardPrivacyFilter.ALL, false, ListOrder.NEWEST, page);
    }
    boolean secret = AccessPolicy.listsSecretBoards(caller);
    return ranked(
        "search-boards:" + caller.accountId() + ":" + secret,
        SearchRepository.Kind.BOARDS,
        OptionalLong.of(caller.accountId()),
        secret,
        query.get(),
        page,
        ids -> each(ids, id -> boards.board(caller, id)));
  }

  /**
   * Everybody's pins on public boards that match {@code query}. A first page comes from the pages
   * held ({@link SearchPages}) while every pin on it is still shown on a public board; one that
   * lost a pin since (deleted, moved or hidden) is read again. The page made of the pins is served
   * again, the same object, while none of them changed on any server.
   */
  public Page<PinView> searchPublicPins(Principal caller, String query, PageRequest page) {
    boolean secret = AccessPolicy.searchesEverybodysSecrets(caller);
    SearchQuery words = SearchQuery.parse("query", query);
    Function<List<Long>, List<PinView>> read = ids -> pins.visiblePins(caller, ids);
    if (secret || page.bookmark().isPresent()) {
      return seen(found(PUBLIC_PINS, PINS, OptionalLong.empty(), secret, words, page), read);
    }
    Supplier<Page<Long>> first =
        () -> found(PUBLIC_PINS, PINS, OptionalLong.empty(), false, words, page);
    SearchPages.Held held = firstPages.firstPage(words, page.size(), first);
    Shown shown = held.shown().get();
    if (shown != null && pins.unchanged(shown.stamp())) {
      return shown.page();
    }
    List<Long> ids = held.found().items();
    PinService.Stamped stamped = pins.stamped(caller, ids);
    List<PinView> views = stamped.views();
    if (views.size() == ids.size() && views.stream().noneMatch(v -> v.pin().onSecretBoard())) {
      // Pins on public boards, each shown to every caller: the page serves them all.
      Page<PinView> made = new Page<>(views, held.found().bookmark());
      held.shown().set(new Shown(stamped.stamp(), made));
      return made;
    }
    firstPages.forget(words, page.size());
    return seen(firstPages.firstPage(words, page.size(), first).found(), read);
  }

  /**
   * A first page of public search as shown, served again while its pins are unchanged.
   *
   * @param stamp what the pin cache held of its pins when they were shown
   * @param page the page
   */
  record Shown(PinService.Stamp stamp, Page<PinView> page) {}

  /** Everybody's public boards that match {@code query}. */
  public Page<Board> searchPublicBoards(Principal caller, String query, PageRequest page) {
    return ranked(
        "search-public-boards",
        SearchRepository.Kind.BOARDS,
        OptionalLong.empty(),
        AccessPolicy.searchesEverybodysSecrets(caller),
        query,
        page,
        ids -> each(ids, id -> boards.board(caller, id)));
  }

  /**
   * A page of ranked matches of {@code kind} for the query in the parameter {@code query}, read as
   * the caller sees them.
   */
  private <T> Page<T> ranked(
      String list,
      SearchRepository.Kind kind,
      OptionalLong owner,
      boolean secret,
      String query,
      PageRequest page,
      Function<List<Long>, List<T>> read) {
    return seen(found(list, kind, owner, secret, SearchQuery.parse("query", query), page), read);
  }

  /**
   * The ids of a page of ranked matches of {@code kind} for {@code words}: its typos are looked up,
   * one more match than the page holds is read, and the bookmark carries the tier and id of the
   * last one served, signed for the list and the query's words.
   */
  private Page<Long> found(
      String list,
      SearchRepository.Kind kind,
      OptionalLong owner,
      boolean secret,
      SearchQuery words,
      PageRequest page) {
    String listed = list + ":" + words.key();
    long[] cursor =
        bookmarks.decodeLongPair(listed, page.bookmark()).orElse(new long[] {4, Long.MAX_VALUE});
    // Everybody's pins are found by walking the postings newest first; the few queries with a
    // prefix of too many words, and searches of one owner's pins or of boards, by the GIN index.
    int size = page.size() + 1;
    List<SearchRepository.Match> rows;
    if (kind == SearchRepository.Kind.PINS && owner.isEmpty()) {
      SearchRepository.Expansion expansion =
          search.expand(database, words.words(), words.typoWords());
      rows =
          expansion.postings().isPresent()
              ? new PostingWalk(expansion.postings().get())
                  .page(database, (int) cursor[0], cursor[1], size, secret)
              : ranked(kind, words, expansion.variants(), owner, cursor, size, secret);
    } else {
      Map<String, List<String>> variants = search.variants(database, words.typoWords());
      rows = ranked(kind, words, variants, owner, cursor, size, secret);
    }
    return bookmarks
        .page(listed, rows, page.size(), m -> m.tier() + ":" + m.id())
        .map(SearchRepository.Match::id);
  }

  /** A page of the GIN index's ranked matches of {@code kind} after the cursor. */
  private List<SearchRepository.Match> ranked(
      SearchRepository.Kind kind,
      SearchQuery words,
      Map<String, List<String>> variants,
      OptionalLong owner,
      long[] cursor,
      int size,
      boolean secret) {
    return search.ranked(
        database,
        kind,
        SearchRepository.Terms.of(words, variants),
        owner,
        (int) cursor[0],
        cursor[1],
        size,
        secret);
  }

  /**
   * The objects found, as the caller sees them now, read together; one deleted or hidden since the
   * search read it is left out.
   */
  private static <T> Page<T> seen(Page<Long> found, Function<List<Long>, List<T>> read) {
    return new Page<>(read.apply(found.items()), found.bookmark());
  }

  /** Reads each id on its own, leaving out those gone or hidden between the search and the read. */
  private static <T> List<T> each(List<Long> ids, LongFunction<T> read) {
    List<T> items = new ArrayList<>(ids.size());
    for (long id : ids) {
      try {
        items.add(read.apply(id));
      } catch (ApiException.NotFound e) {
        // Gone or hidden between the search and the read.
      }
    }
    return items;
  }
}
