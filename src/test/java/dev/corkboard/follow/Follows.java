package dev.corkboard.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Named fixture factories and readers for follow API tests, all through the public v5 API. */
public final class Follows {

  private Follows() {}

  /** Follows the account, expecting success. */
  public static void followUser(Api api, String username) {
    Api.Response answer = api.post("/v5/user_account/following/" + username, Map.of());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  /** Unfollows the account, expecting success. */
  public static void unfollowUser(Api api, String username) {
    Api.Response answer = api.delete("/v5/user_account/following/" + username);
    assertThat(answer.status()).as(answer.body()).isEqualTo(204);
  }

  /** Follows the board, expecting success, and answers the board. */
  public static JsonNode followBoard(Api api, String boardId) {
    Api.Response answer = api.put("/v5/boards/" + boardId + "/follow");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** Unfollows the board, expecting success. */
  public static void unfollowBoard(Api api, String boardId) {
    Api.Response answer = api.delete("/v5/boards/" + boardId + "/follow");
    assertThat(answer.status()).as(answer.body()).isEqualTo(204);
  }

  /** The usernames of a list of accounts, every page walked, in list order. */
  static List<String> usernames(Api api, String path) {
    return walk(api, path, item -> item.path("username").asText());
  }

  /** The board ids of a list of boards, every page walked, in list order. */
  static List<String> boardIds(Api api, String path) {
    return walk(api, path, item -> item.path("id").asText());
  }

  /** Every item of a list, walking its pages of {@code page_size=2} by bookmark. */
  static <T> List<T> walk(Api api, String path, Function<JsonNode, T> read) {
    List<T> items = new ArrayList<>();
    String bookmark = "";
    String separator = path.contains("?") ? "&" : "?";
    do {
      Api.Response page =
          api.get(
              path
                  + separator
                  + "page_size=2"
                  + (bookmark.isEmpty()
                      ? ""
                      : "&bookmark=" + URLEncoder.encode(bookmark, StandardCharsets.UTF_8)));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(item -> items.add(read.apply(item)));
      JsonNode next = page.json().path("bookmark");
      bookmark = next.isNull() || next.isMissingNode() ? "" : next.asText();
    } while (!bookmark.isEmpty());
    return items;
  }

  /** A field of an account's public profile. */
  static int profileCount(Api api, String username, String field) {
    Api.Response profile = api.get("/v5/users/" + username);
    assertThat(profile.status()).as(profile.body()).isEqualTo(200);
    return profile.json().path(field).asInt(-1);
  }

  /** A board's follower count as the caller reads it. */
  static int boardFollowers(Api api, String boardId) {
    Api.Response board = api.get("/v5/boards/" + boardId);
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    return board.json().path("follower_count").asInt(-1);
  }
}
