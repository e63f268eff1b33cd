package dev.corkboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Readers of the home feed for API tests, through the public API. */
public final class Feeds {

  private Feeds() {}

  /** The pin ids of the caller's whole feed, newest first, walking pages of two by bookmark. */
  public static List<String> feed(Api api) {
    List<String> ids = new ArrayList<>();
    String bookmark = "";
    do {
      Api.Response page =
          api.get("/v5/feed?page_size=2" + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      ids.addAll(Pins.ids(page));
      bookmark = page.json().path("bookmark").asText("");
    } while (!bookmark.isEmpty());
    return ids;
  }

  /** Waits until the caller's feed is exactly {@code expected} (fan-out runs in the background). */
  public static void awaitFeed(Api api, List<String> expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> seen = feed(api);
    while (!seen.equals(expected) && System.nanoTime() < deadline) {
      Waits.sleep(50);
      seen = feed(api);
    }
    assertThat(seen).isEqualTo(expected);
  }
}
