package dev.corkboard.pin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Serialized v5 bodies of pins and pages of pins, each made at most once for the pins' owner and
 * once for everyone else ({@code is_owner} depends on who asks). A body is remembered for the very
 * value it was made from, compared by identity and held weakly, so a pin or page the read cache
 * keeps is answered without writing JSON again, and its bodies go when it goes. A pin saved from a
 * secret pin shows its parent to some callers and not others, by their scopes: its bodies are
 * written for each request. Pages no cache holds (a home feed, related pins, search results) are
 * joined from the remembered bodies of their pins.
 */
public final class PinBodies {

  /** What the remembered bodies may weigh: as much as the read cache's values they are made of. */
  private static final long MAX_BYTES = PinService.PIN_CACHE_BYTES + PinService.PAGE_CACHE_BYTES;

  // Weak keys compare by identity: an equal value read again is another value with bodies of its
  // own. An entry is weighed again each time a body is added to it.
  private final Cache<Object, Bodies> bodies =
      Caffeine.newBuilder()
          .weakKeys()
          .maximumWeight(MAX_BYTES)
          .weigher((Object value, Bodies memo) -> memo.bytes())
          .build();

  /** Bodies remembered for nothing yet: the server keeps one, shared by the routes of pins. */
  public PinBodies() {}

  /** The body of a pin for the caller. */
  byte[] pin(PinView view, Principal caller) {
    if (view.pin().parent().secret()) {
      return PinJson.bytes(PinJson.of(view, caller));
    }
    Bodies memo = bodies.get(view, PinBodies::ofPin);
    boolean owner = view.pin().ownerId() == caller.accountId();
    return remembered(view, memo, owner, () -> PinJson.bytes(PinJson.of(view, caller)));
  }

  /**
   * The body of a page of pins no cache holds (a deep page), written without being remembered:
   * keeping a body for a value read once would only churn the memo.
   */
  public static byte[] pageOnce(Page<PinView> page, Principal caller) {
    return body(page, caller);
  }

  /** The body of a page of pins for the caller. */
  byte[] page(Page<PinView> page, Principal caller) {
    Bodies memo = bodies.get(page, PinBodies::ofPage);
    if (!memo.memoized) {
      return body(page, caller);
    }
    boolean owner = memo.ownerId == caller.accountId();
    return remembered(page, memo, owner, () -> body(page, caller));
  }

  /**
   * The body of a page no cache holds but whose pins the read cache does (a home feed, a ranking,
   * search results): each pin's body is remembered as {@link #pin} remembers it, and the page is
   * joined from them, byte for byte what {@link #pageOnce} writes.
   */
  public byte[] joined(Page<PinView> page, Principal caller) {
    List<PinView> items = page.items();
    byte[][] parts = new byte[items.size()][];
    byte[] bookmark = page.bookmark().map(Json::bytes).orElse(NULL);
    // One array of the exact length: a page is tens of kilobytes, written thousands of times a
    // second, so a growing buffer and its final copy would double what each answer allocates.
    int length =
        ITEMS.length + Math.max(0, parts.length - 1) + BOOKMARK.length + bookmark.length + 1;
    for (int i = 0; i < parts.length; i++) {
      parts[i] = pin(items.get(i), caller);
      length += parts[i].length;
    }
    byte[] out = new byte[length];
    int at = put(out, 0, ITEMS);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      at = put(out, at, parts[i]);
    }
    at = put(out, at, BOOKMARK);
    at = put(out, at, bookmark);
    out[at] = '}';
    return out;
  }

  /**
   * The body of a page {@link #joined} joins, remembered for the page itself when its service
   * serves the same page again while its pins are unchanged (a first page of a home feed or of a
   * search), for every caller who owns none of its pins and may see none of the secret pins some of
   * them were saved from: every such caller reads the same bytes.
   */
  public byte[] joinedKept(Page<PinView> page, Principal caller) {
    long reader = caller.accountId();
    for (PinView view : page.items()) {
      Pin pin = view.pin();
      if (pin.ownerId() == reader || (pin.parent().secret() && pin.showsParentTo(caller))) {
        return joined(page, caller);
      }
    }
    return remembered(
        page, bodies.get(page, PinBodies::ofJoined), false, () -> joined(page, caller));
  }

  private static Bodies ofJoined(Object page) {
    return new Bodies(true, 0);
  }

  /**
   * The body {@code memo} holds for the kind of reader ({@code owner} or not) of {@code value}, or
   * the one {@code write} makes, kept from now on (the entry is weighed again).
   */
  private byte[] remembered(Object value, Bodies memo, boolean owner, Supplier<byte[]> write) {
    byte[] json = memo.of(owner);
    if (json == null) {
      json = write.get();
      memo.keep(owner, json);
      bodies.put(value, memo);
    }
    return json;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BOOKMARK = "],\"bookmark\":".getBytes(StandardCharsets.UTF_8);

  private static byte[] body(Page<PinView> page, Principal caller) {
    return PinJson.pageBytes(
        page.items().stream().map(v -> PinJson.of(v, caller)).toList(),
        page.bookmark().orElse(null));
  }

  private static Bodies ofPin(Object view) {
    return new Bodies(true, ((PinView) view).pin().ownerId());
  }

  @SuppressWarnings("unchecked")
  private static Bodies ofPage(Object page) {
    List<PinView> items = ((Page<PinView>) page).items();
    if (items.stream().anyMatch(v -> v.pin().parent().secret())) {
      return new Bodies(false, 0);
    }
    List<Long> owners = items.stream().map(v -> v.pin().ownerId()).distinct().toList();
    // An empty page reads the same for everyone; a page of several owners' pins (or of pins whose
    // parents some callers may not see) is not kept.
    return switch (owners.size()) {
      case 0 -> new Bodies(true, 0);
      case 1 -> new Bodies(true, owners.getFirst());
      default -> new Bodies(false, 0);
    };
  }

  /** The bodies of one value; it must not refer to the value, or the weak key would never go. */
  private static final class Bodies {
    final boolean memoized;
    final long ownerId;
    private volatile byte @Nullable [] forOwner;
    private volatile byte @Nullable [] forOthers;

    Bodies(boolean memoized, long ownerId) {
      this.memoized = memoized;
      this.ownerId = ownerId;
    }

    byte @Nullable [] of(boolean owner) {
      return owner ? forOwner : forOthers;
    }

    /** What it weighs: its bodies and its own few fields. */
    int bytes() {
      byte[] mine = forOwner;
      byte[] theirs = forOthers;
      return 64 + (mine == null ? 0 : mine.length) + (theirs == null ? 0 : theirs.length);
    }

    void keep(boolean owner, byte[] json) {
      if (owner) {
        forOwner = json;
      } else {
        forOthers = json;
      }
    }
  }
}
