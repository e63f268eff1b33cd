package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Named fixture factories for board and section API tests, all through the public v5 API. */
final class Boards {

  /**
   * The v5 scopes of a token that can read boards, secret ones too, but change only public ones.
   */
  static final String[] READ_SECRET_NOT_WRITE_SECRET = {
    "boards:read", "boards:read_secret", "boards:write", "pins:read"
  };

  private Boards() {}

  /** Creates a public board and answers its id. */
  static String createBoard(Api api, String name) {
    return createBoard(api, name, "PUBLIC");
  }

  /** Creates a board with the given privacy and answers its id. */
  static String createBoard(Api api, String name, String privacy) {
    Api.Response created = api.post("/v5/boards", Map.of("name", name, "privacy", privacy));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Creates {@code count} public boards named {@code prefix 0 ...}, answering ids oldest first. */
  static List<String> createBoards(Api api, String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> createBoard(api, prefix + " " + i)).toList();
  }

  /** Creates a section on the board and answers its id. */
  static String createSection(Api api, String boardId, String name) {
    Api.Response created = api.post(sectionsOf(boardId), Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Creates {@code count} sections named {@code prefix 0 ...}, answering ids oldest first. */
  static List<String> createSections(Api api, String boardId, String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> createSection(api, boardId, prefix + " " + i))
        .toList();
  }

  /** Creates a board, deletes it, and answers its id: a well-formed id of no board. */
  static String deletedBoardId(Api api) {
    String id = createBoard(api, "Short-lived " + System.nanoTime());
    assertThat(api.delete(boardPath(id)).status()).isEqualTo(204);
    return id;
  }

  static String boardPath(String boardId) {
    return "/v5/boards/" + boardId;
  }

  static String sectionsOf(String boardId) {
    return boardPath(boardId) + "/sections";
  }

  static String sectionPath(String boardId, String sectionId) {
    return sectionsOf(boardId) + "/" + sectionId;
  }

  static String pinsOf(String boardId) {
    return boardPath(boardId) + "/pins";
  }

  static String sectionPinsOf(String boardId, String sectionId) {
    return sectionPath(boardId, sectionId) + "/pins";
  }

  /** The ids of a list page's items, in order. */
  static List<String> ids(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode item : page.json().path("items")) {
      ids.add(item.path("id").asText());
    }
    return ids;
  }

  /** The names of a list page's items, in order. */
  static List<String> names(Api.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode item : page.json().path("items")) {
      names.add(item.path("name").asText());
    }
    return names;
  }

  /** The bookmark of a list page, or null on the last page. */
  static String bookmark(Api.Response page) {
    JsonNode bookmark = page.json().path("bookmark");
    assertThat(bookmark.isMissingNode()).as("bookmark field present in " + page.body()).isFalse();
    return bookmark.isNull() ? null : bookmark.asText();
  }

  /**
   * The path with a query parameter appended; {@code path} may already carry a query. The value
   * must be URL-safe, as bookmarks and the enum values used here are.
   */
  static String withQuery(String path, String name, String value) {
    return path + (path.contains("?") ? "&" : "?") + name + "=" + value;
  }

  /**
   * Every page of a list, following bookmarks from the first page at {@code path} until a page
   * answers a null bookmark; fails if the walk does not end within {@code maxPages}.
   */
  static List<Api.Response> allPages(Api api, String path, int maxPages) {
    List<Api.Response> pages = new ArrayList<>();
    Api.Response page = api.get(path);
    while (true) {
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      pages.add(page);
      String bookmark = bookmark(page);
      if (bookmark == null) {
        return pages;
      }
      assertThat(pages).as("pages walked before the bookmark ran out").hasSizeLessThan(maxPages);
      page = api.get(withQuery(path, "bookmark", bookmark));
    }
  }

  /** Status, Pinterest code and message of an answer, to compare two answers in one assertion. */
  static String outcome(Api.Response response) {
    return response.status() + " code=" + response.code() + " message=" + response.message();
  }

  /**
   * The bookmark with one character replaced near its start, which lies in the signed payload
   * (changing the last character could touch only ignored padding bits of base64).
   */
  static String tamper(String bookmark) {
    char original = bookmark.charAt(1);
    char replacement = original == 'A' ? 'B' : 'A';
    return bookmark.charAt(0) + String.valueOf(replacement) + bookmark.substring(2);
  }

  /** A name of exactly {@code length} characters. */
  static String nameOfLength(int length) {
    return "n".repeat(length);
  }
}
