package dev.corkboard.search;

import dev.corkboard.board.Board;
import dev.corkboard.board.BoardJson;
import dev.corkboard.pin.PinBodies;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;

/**
 * The routes of search: v5 search_user_pins/list and search_user_boards/get over the caller's own
 * pins and boards, and the extensions that search everybody's public pins and boards.
 */
public final class SearchRoutes {

  /** Public search needs what reading a public pin or board needs. */
  private static final List<Scope> PINS = List.of(Scope.BOARDS_READ, Scope.PINS_READ);

  private static final List<Scope> BOARDS = List.of(Scope.BOARDS_READ);

  /** Pinterest's search of one's own pins lists the secret scopes too, and so it needs them. */
  private static final List<Scope> OWN_PINS =
      List.of(Scope.BOARDS_READ, Scope.BOARDS_READ_SECRET, Scope.PINS_READ, Scope.PINS_READ_SECRET);

  private static final List<Scope> OWN_BOARDS =
      List.of(Scope.BOARDS_READ, Scope.BOARDS_READ_SECRET);

  private final SearchService service;
  private final PinBodies bodies;

  public SearchRoutes(SearchService service, PinBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.v5("GET", "/v5/search/pins", "search_user_pins/list", OWN_PINS, this::ownPins),
        Route.v5("GET", "/v5/search/boards", "search_user_boards/get", OWN_BOARDS, this::ownBoards),
        Route.extension("GET", "/v5/search/public/pins", Auth.BEARER, PINS, this::publicPins),
        Route.extension(
            "GET", "/v5/search/public/boards", Auth.BEARER, BOARDS, this::publicBoards));
  }

  private void ownPins(Call call) {
    pins(call, service.searchOwnPins(call.principal(), query(call), call.page()));
  }

  private void ownBoards(Call call) {
    boards(call, service.searchOwnBoards(call.principal(), call.query("query"), call.page()));
  }

  private void publicPins(Call call) {
    PageRequest page = call.page();
    Page<PinView> found = service.searchPublicPins(call.principal(), query(call), page);
    // A first page is the same page object while none of its pins changed.
    call.okJson(
        page.bookmark().isEmpty()
            ? bodies.joinedKept(found, call.principal())
            : bodies.joined(found, call.principal()));
  }

  private void publicBoards(Call call) {
    boards(call, service.searchPublicBoards(call.principal(), query(call), call.page()));
  }

  private void pins(Call call, Page<PinView> page) {
    call.okJson(bodies.joined(page, call.principal()));
  }

  private static void boards(Call call, Page<Board> page) {
    Principal caller = call.principal();
    call.page(page.map(b -> BoardJson.of(b, caller)));
  }

  private static String query(Call call) {
    return call.query("query")
        .orElseThrow(() -> new ApiException.InvalidInput("query is required: the words to find."));
  }
}
