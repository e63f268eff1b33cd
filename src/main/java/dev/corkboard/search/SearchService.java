package dev.corkboard.search;

import dev.corkboard.board.Board;
import dev.corkboard.board.BoardPrivacyFilter;
import dev.corkboard.board.BoardService;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Use cases of search: the caller's own pins (by words or by ids) and boards, and everybody's
 * public pins and boards, ranked and paged by bookmark. What a caller may find is the {@link
 * AccessPolicy}'s to say, decided in the statement that searches; what is found is then read as the
 * pin and board features answer it, checked once more.
 */
public final class SearchService {

  /** A query of pin ids: digits and commas only, each id of twelve digits or more. */
  private static final Pattern PIN_IDS =
      Pattern.compile("\\s*\\d{12,19}(\\s*,\\s*\\d{12,19})*\\s*");

  private final Database database;
  private final PinService pins;
  private final BoardService boards;
  private final Bookmarks bookmarks;
  private final SearchRepository search = new SearchRepository();

  public SearchService(
      Database database, PinService pins, BoardService boards, Bookmarks bookmarks) {
    this.database = database;
    this.pins = pins;
    this.boards = boards;
    this.bookmarks = bookmarks;
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
      return seen(found, id -> pins.pin(caller, id));
    }
    SearchQuery words = SearchQuery.parse("query", query);
    String list = "search-pins:" + caller.accountId() + ":" + secret + ":" + words.key();
    return ranked(
        list,
        words,
        page,
        (terms, cursor, limit) ->
            search.ownPins(
                database, terms, caller.accountId(), cursor.tier(), cursor.id(), limit, secret),
        id -> pins.pin(caller, id));
  }

  /** The caller's boards that match {@code query}; all of them, newest first, without one. */
  public Page<Board> searchOwnBoards(Principal caller, Optional<String> query, PageRequest page) {
    if (query.isEmpty()) {
      return boards.listBoards(caller, BoardPrivacyFilter.ALL, page);
    }
    boolean secret = AccessPolicy.listsSecretBoards(caller);
    SearchQuery words = SearchQuery.parse("query", query.get());
    String list = "search-boards:" + caller.accountId() + ":" + secret + ":" + words.key();
    return ranked(
        list,
        words,
        page,
        (terms, cursor, limit) ->
            search.ownBoards(
                database, terms, caller.accountId(), cursor.tier(), cursor.id(), limit, secret),
        id -> boards.board(caller, id));
  }

  /** Everybody's pins on public boards that match {@code query}. */
  public Page<PinView> searchPublicPins(Principal caller, String query, PageRequest page) {
    boolean secret = AccessPolicy.searchesEverybodysSecrets(caller);
    SearchQuery words = SearchQuery.parse("query", query);
    return ranked(
        "search-public-pins:" + words.key(),
        words,
        page,
        (terms, cursor, limit) ->
            search.publicPins(database, terms, cursor.tier(), cursor.id(), limit, secret),
        id -> pins.pin(caller, id));
  }

  /** Everybody's public boards that match {@code query}. */
  public Page<Board> searchPublicBoards(Principal caller, String query, PageRequest page) {
    boolean secret = AccessPolicy.searchesEverybodysSecrets(caller);
    SearchQuery words = SearchQuery.parse("query", query);
    return ranked(
        "search-public-boards:" + words.key(),
        words,
        page,
        (terms, cursor, limit) ->
            search.publicBoards(database, terms, cursor.tier(), cursor.id(), limit, secret),
        id -> boards.board(caller, id));
  }

  /** Where a page of ranked matches starts: after the match of this tier and id. */
  private record Cursor(int tier, long id) {}

  /** Reads one page of ranked matches after a cursor. */
  @FunctionalInterface
  private interface RankedFetch {
    List<SearchRepository.Match> rows(SearchRepository.Terms terms, Cursor cursor, int limit);
  }

  /**
   * A page of ranked matches: the query's typos are looked up, one more match than the page holds
   * is read, and the bookmark carries the tier and id of the last one served.
   */
  private <T> Page<T> ranked(
      String list, SearchQuery query, PageRequest page, RankedFetch fetch, LongFunction<T> read) {
    Cursor cursor =
        bookmarks
            .decodeLongPair(list, page.bookmark())
            .map(pair -> new Cursor((int) pair[0], pair[1]))
            .orElse(new Cursor(4, Long.MAX_VALUE));
    Map<String, List<String>> variants = search.variants(database, query.typoWords());
    List<SearchRepository.Match> rows =
        fetch.rows(SearchRepository.Terms.of(query, variants), cursor, page.size() + 1);
    Page<SearchRepository.Match> found =
        bookmarks.page(list, rows, page.size(), m -> m.tier() + ":" + m.id());
    return seen(found.map(SearchRepository.Match::id), read);
  }

  /**
   * The objects found, as the caller sees them now; one deleted or hidden since the search read it
   * is left out.
   */
  private static <T> Page<T> seen(Page<Long> found, LongFunction<T> read) {
    List<T> items = new ArrayList<>(found.items().size());
    for (long id : found.items()) {
      try {
        items.add(read.apply(id));
      } catch (ApiException.NotFound e) {
        // Gone or hidden between the search and the read.
      }
    }
    return new Page<>(items, found.bookmark());
  }
}
