package dev.corkboard.related;

import dev.corkboard.pin.PinBodies;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The routes of related pins: a pin's related pins and a board's ideas (both extensions). */
public final class RelatedRoutes {

  /** What reading a pin or a board's pins needs. */
  private static final List<Scope> READ = List.of(Scope.BOARDS_READ, Scope.PINS_READ);

  private final RelatedService service;
  private final PinBodies bodies;

  public RelatedRoutes(RelatedService service, PinBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension("GET", "/v5/pins/{pin_id}/related", Auth.BEARER, READ, this::related),
        Route.extension("GET", "/v5/boards/{board_id}/ideas", Auth.BEARER, READ, this::ideas));
  }

  private void related(Call call) {
    long pinId = call.pathId("pin_id", Unknown.PIN);
    pins(call, service.relatedPins(call.principal(), pinId, seed(call), call.page()));
  }

  private void ideas(Call call) {
    long boardId = call.pathId("board_id", Unknown.BOARD);
    pins(call, service.boardIdeas(call.principal(), boardId, seed(call), call.page()));
  }

  private void pins(Call call, Page<PinView> page) {
    call.okJson(bodies.joined(page, call.principal()));
  }

  /** The optional {@code seed}: any 64-bit integer; the same seed walks the same way. */
  private static OptionalLong seed(Call call) {
    Optional<String> seed = call.query("seed");
    if (seed.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(seed.get()));
    } catch (NumberFormatException e) {
      throw new ApiException.InvalidInput(
          "seed must be an integer from -9223372036854775808 to 9223372036854775807, not '"
              + Checks.clip(seed.get())
              + "'.");
    }
  }
}
