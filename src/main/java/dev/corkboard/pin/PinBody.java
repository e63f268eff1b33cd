package dev.corkboard.pin;

import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.json.Json;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A v5 body of pins, serialized at most once for the pins' owner and once for everyone else: the
 * only part of a pin's body that depends on who asks is {@code is_owner}. A read cache keeps these,
 * so a hot pin or page is answered without building JSON again.
 */
final class PinBody {

  private final long ownerId;
  private final LongFunction<Object> render;
  private volatile byte[] forOwner;
  private volatile byte[] forOthers;

  private PinBody(long ownerId, LongFunction<Object> render) {
    this.ownerId = ownerId;
    this.render = render;
  }

  /** The body of one pin. */
  static PinBody of(PinView view) {
    return new PinBody(view.pin().ownerId(), caller -> PinRoutes.PinResponse.of(view, caller));
  }

  /** The body of a page of pins; remembered per kind of reader when one account owns them all. */
  static PinBody of(Page<PinView> page) {
    List<Long> owners = page.items().stream().map(v -> v.pin().ownerId()).distinct().toList();
    long owner = owners.size() == 1 ? owners.getFirst() : 0;
    return new PinBody(
        owner,
        caller ->
            Json.page(
                new Page<>(
                    page.items().stream().map(v -> PinRoutes.PinResponse.of(v, caller)).toList(),
                    page.bookmark())));
  }

  /** The serialized body for the caller. */
  byte[] json(long callerId) {
    if (ownerId == 0) {
      return Json.bytes(render.apply(callerId));
    }
    if (callerId == ownerId) {
      byte[] json = forOwner;
      if (json == null) {
        json = Json.bytes(render.apply(callerId));
        forOwner = json;
      }
      return json;
    }
    byte[] json = forOthers;
    if (json == null) {
      json = Json.bytes(render.apply(callerId));
      forOthers = json;
    }
    return json;
  }
}
