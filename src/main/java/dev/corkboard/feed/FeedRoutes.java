package dev.corkboard.feed;

import dev.corkboard.pin.PinBodies;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;

/** The route of the home feed: the extension {@code GET /v5/feed}. */
public final class FeedRoutes {

  private final FeedService service;
  private final PinBodies bodies;

  public FeedRoutes(FeedService service, PinBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension(
            "GET",
            "/v5/feed",
            Auth.BEARER,
            List.of(Scope.PINS_READ, Scope.USER_ACCOUNTS_READ),
            this::feed));
  }

  private void feed(Call call) {
    Principal caller = call.principal();
    PageRequest page = call.page();
    Page<PinView> feed = service.feed(caller, page);
    // A first page is the same page object while none of its pins changed.
    call.okJson(
        page.bookmark().isEmpty() ? bodies.joinedKept(feed, caller) : bodies.joined(feed, caller));
  }
}
