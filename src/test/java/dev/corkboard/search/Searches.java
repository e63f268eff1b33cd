package dev.corkboard.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import java.awt.Color;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Named fixture factories for search API tests, all through the public v5 API. */
final class Searches {

  private Searches() {}

  /**
   * A word of {@code length} letters no other test writes, so that a search on the shared server
   * finds only what this test made.
   */
  static String word(int length) {
    StringBuilder word = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  /** A word of ten letters no other test writes. */
  static String word() {
    return word(10);
  }

  /** Creates a pin of a small PNG with the given text on the board and answers its id. */
  static String pin(Api api, String boardId, String title, String description, String altText) {
    Map<String, Object> body = new HashMap<>();
    body.put("board_id", boardId);
    body.put("title", title);
    body.put("description", description);
    body.put("alt_text", altText);
    body.put("media_source", Pins.base64Source(Images.png(8, 8, Color.ORANGE)));
    Api.Response created = api.post("/v5/pins", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Creates a pin titled {@code title} on the board and answers its id. */
  static String pin(Api api, String boardId, String title) {
    return pin(api, boardId, title, "", "");
  }

  /** The path of a search with {@code query}, as a client encodes it. */
  static String search(String path, String query) {
    return path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  /** The ids of a search's first page, after checking that it answered 200. */
  static List<String> found(Api api, String path, String query) {
    Api.Response page = api.get(search(path, query));
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return Pins.ids(page);
  }

  /** The ids a public pin search finds. */
  static List<String> publicPins(Api api, String query) {
    return found(api, "/v5/search/public/pins", query);
  }

  /** The ids a search of the caller's own pins finds. */
  static List<String> ownPins(Api api, String query) {
    return found(api, "/v5/search/pins", query);
  }
}
