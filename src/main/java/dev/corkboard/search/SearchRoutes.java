package dev.corkboard.search;

import dev.corkboard.board.BoardJson;
import dev.corkboard.pin.PinJson;
import dev.corkboard.platform.api.ApiException;
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

  private static final List<Scope> PINS = List.of(Scope.BOARDS_READ, Scope.PINS_READ);
  private static final List<Scope> BOARDS = List.of(Scope.BOARDS_READ);

  private final SearchService service;

  public SearchRoutes(SearchService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.v5("GET", "/v5/search/pins", "search_user_pins/list", PINS, this::ownPins),
        Route.v5("GET", "/v5/search/boards", "search_user_boards/get", BOARDS, this::ownBoards),
        Route.extension("GET", "/v5/search/public/pins", Auth.BEARER, PINS, this::publicPins),
        Route.extension(
            "GET", "/v5/search/public/boards", Auth.BEARER, BOARDS, this::publicBoards));
  }

  private void ownPins(Call call) {
    Principal caller = call.principal();
    call.page(
        service.searchOwnPins(caller, query(call), call.page()).map(v -> PinJson.of(v, caller)));
  }

  private void ownBoards(Call call) {
    Principal caller = call.principal();
    call.page(
        service
            .searchOwnBoards(caller, call.query("query"), call.page())
            .map(b -> BoardJson.of(b, caller)));
  }

  private void publicPins(Call call) {
    Principal caller = call.principal();
    call.page(
        service.searchPublicPins(caller, query(call), call.page()).map(v -> PinJson.of(v, caller)));
  }

  private void publicBoards(Call call) {
    Principal caller = call.principal();
    call.page(
        service
            .searchPublicBoards(caller, query(call), call.page())
            .map(b -> BoardJson.of(b, caller)));
  }

  private static String query(Call call) {
    return call.query("query")
        .orElseThrow(() -> new ApiException.InvalidInput("query is required: the words to find."));
  }
}
