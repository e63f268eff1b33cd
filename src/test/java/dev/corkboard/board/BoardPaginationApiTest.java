package dev.corkboard.board;

import static dev.corkboard.board.Boards.allPages;
import static dev.corkboard.board.Boards.bookmark;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createBoards;
import static dev.corkboard.board.Boards.createSections;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.Boards.sectionsOf;
import static dev.corkboard.board.Boards.tamper;
import static dev.corkboard.board.Boards.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyset pagination of boards and sections: page sizes, complete walks and refused bookmarks. */
class BoardPaginationApiTest {

  @Test
  void servesPagesOf25BoardsByDefault() {
    Users.User alice = Users.signUp();
    List<String> created = createBoards(alice.client(), "Board", 26);

    Api.Response first = alice.client().get("/v5/boards");

    assertThat(ids(first)).containsExactlyElementsOf(newestFirst(created).subList(0, 25));
    assertThat(bookmark(first)).isNotNull();
  }

  @Test
  void servesPagesOfOneTo250Boards() {
    Users.User alice = Users.signUp();
    List<String> created = createBoards(alice.client(), "Board", 3);

    Api.Response one = alice.client().get("/v5/boards?page_size=1");
    assertThat(ids(one)).containsExactly(created.get(2));
    assertThat(bookmark(one)).isNotNull();

    Api.Response most = alice.client().get("/v5/boards?page_size=250");
    assertThat(ids(most)).containsExactlyElementsOf(newestFirst(created));
    assertThat(bookmark(most)).isNull();
  }

  @Test
  void servesAFullLastPageWithoutABookmark() {
    Users.User alice = Users.signUp();
    List<String> created = createBoards(alice.client(), "Board", 3);

    Api.Response exact = alice.client().get("/v5/boards?page_size=3");

    assertThat(ids(exact)).containsExactlyElementsOf(newestFirst(created));
    assertThat(bookmark(exact)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "251", "-1", "abc", "1.5", "9999999999"})
  void rejectsPageSizeOutsideOneTo250(String pageSize) {
    Users.User alice = Users.signUp();

    Api.Response list = alice.client().get("/v5/boards?page_size=" + pageSize);

    assertThat(list.status()).as(list.body()).isEqualTo(400);
    assertThat(list.code()).isEqualTo(1);
    assertThat(list.message()).contains("page_size");
  }

  @Test
  void walkingAllPagesServesEveryBoardOnceNewestFirst() {
    Users.User alice = Users.signUp();
    List<String> created = createBoards(alice.client(), "Board", 60);

    List<Api.Response> pages = allPages(alice.client(), "/v5/boards?page_size=7", 20);

    assertThat(pages).hasSize(9);
    for (Api.Response page : pages.subList(0, 8)) {
      assertThat(ids(page)).hasSize(7);
    }
    assertThat(ids(pages.getLast())).hasSize(4);
    assertThat(bookmark(pages.getLast())).isNull();
    assertThat(concatenatedIds(pages)).containsExactlyElementsOf(newestFirst(created));
  }

  @Test
  void walkingWhileBoardsAreCreatedServesEveryEarlierBoardOnceInOrder() {
    Users.User alice = Users.signUp();
    Api api = alice.client();
    List<String> earlier = createBoards(api, "Earlier", 20);

    List<String> walked = new ArrayList<>();
    Api.Response page = api.get("/v5/boards?page_size=3");
    int created = 0;
    while (true) {
      walked.addAll(ids(page));
      String bookmark = bookmark(page);
      if (bookmark == null) {
        break;
      }
      createBoard(api, "Later " + created++);
      assertThat(created).as("pages walked").isLessThan(20);
      page = api.get("/v5/boards?page_size=3&bookmark=" + bookmark);
    }

    assertThat(created).isEqualTo(6);
    assertThat(walked).containsExactlyElementsOf(newestFirst(earlier));
  }

  @Test
  void rejectsATamperedBookmark() {
    Users.User alice = Users.signUp();
    createBoards(alice.client(), "Board", 3);
    String bookmark = bookmark(alice.client().get("/v5/boards?page_size=1"));

    Api.Response next = alice.client().get("/v5/boards?page_size=1&bookmark=" + tamper(bookmark));

    assertThat(next.status()).as(next.body()).isEqualTo(400);
    assertThat(next.code()).isEqualTo(1);
    assertThat(next.message()).contains("bookmark");
  }

  @Test
  void rejectsABookmarkThatIsNotBase64() {
    Users.User alice = Users.signUp();

    Api.Response next = alice.client().get("/v5/boards?bookmark=not*a*bookmark");

    assertThat(next.status()).as(next.body()).isEqualTo(400);
    assertThat(next.code()).isEqualTo(1);
  }

  @Test
  void rejectsABookmarkOfAnotherUsersList() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    createBoards(alice.client(), "Alice's", 3);
    createBoards(bob.client(), "Bob's", 3);
    String alicesBookmark = bookmark(alice.client().get("/v5/boards?page_size=1"));

    Api.Response next = bob.client().get("/v5/boards?page_size=1&bookmark=" + alicesBookmark);

    assertThat(next.status()).as(next.body()).isEqualTo(400);
    assertThat(next.code()).isEqualTo(1);
  }

  @Test
  void rejectsABookmarkOfTheBoardsListOnASectionsList() {
    Users.User alice = Users.signUp();
    List<String> boards = createBoards(alice.client(), "Board", 3);
    createSections(alice.client(), boards.getFirst(), "Section", 3);
    String boardsBookmark = bookmark(alice.client().get("/v5/boards?page_size=1"));

    Api.Response sections =
        alice
            .client()
            .get(sectionsOf(boards.getFirst()) + "?page_size=1&bookmark=" + boardsBookmark);

    assertThat(sections.status()).as(sections.body()).isEqualTo(400);
    assertThat(sections.code()).isEqualTo(1);
  }

  @Test
  void rejectsABookmarkOfThePublicListOnTheListOfAll() {
    Users.User alice = Users.signUp();
    createBoards(alice.client(), "Board", 3);
    String publicBookmark = bookmark(alice.client().get("/v5/boards?privacy=PUBLIC&page_size=1"));

    Api.Response all =
        alice.client().get("/v5/boards?privacy=ALL&page_size=1&bookmark=" + publicBookmark);

    assertThat(all.status()).as(all.body()).isEqualTo(400);
    assertThat(all.code()).isEqualTo(1);
  }

  @Test
  void rejectsABookmarkOfAnotherListOnAPinList() {
    Users.User alice = Users.signUp();
    List<String> boards = createBoards(alice.client(), "Board", 3);
    String boardsBookmark = bookmark(alice.client().get("/v5/boards?page_size=1"));

    Api.Response pins =
        alice.client().get(pinsOf(boards.getFirst()) + "?bookmark=" + boardsBookmark);

    assertThat(pins.status()).as(pins.body()).isEqualTo(400);
    assertThat(pins.code()).isEqualTo(1);
  }

  @Test
  void walkingAllPagesServesEverySectionOnceOldestFirst() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> created = createSections(alice.client(), board, "Section", 12);

    List<Api.Response> pages = allPages(alice.client(), sectionsOf(board) + "?page_size=5", 10);

    assertThat(pages).extracting(page -> ids(page).size()).containsExactly(5, 5, 2);
    assertThat(bookmark(pages.getLast())).isNull();
    assertThat(concatenatedIds(pages)).containsExactlyElementsOf(created);
  }

  @Test
  void servesPagesOf25SectionsByDefault() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    List<String> created = createSections(alice.client(), board, "Section", 26);

    Api.Response first = alice.client().get(sectionsOf(board));

    assertThat(ids(first)).containsExactlyElementsOf(created.subList(0, 25));
    assertThat(bookmark(first)).isNotNull();
  }

  @Test
  void rejectsPageSizeOutsideOneTo250OnSections() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");

    for (String size : List.of("0", "251")) {
      Api.Response list = alice.client().get(withQuery(sectionsOf(board), "page_size", size));
      assertThat(list.status()).as(list.body()).isEqualTo(400);
      assertThat(list.code()).isEqualTo(1);
    }
  }

  @Test
  void rejectsATamperedSectionsBookmark() {
    Users.User alice = Users.signUp();
    String board = createBoard(alice.client(), "Kitchen");
    createSections(alice.client(), board, "Section", 3);
    String bookmark = bookmark(alice.client().get(sectionsOf(board) + "?page_size=1"));

    Api.Response next =
        alice.client().get(sectionsOf(board) + "?page_size=1&bookmark=" + tamper(bookmark));

    assertThat(next.status()).as(next.body()).isEqualTo(400);
    assertThat(next.code()).isEqualTo(1);
  }

  @Test
  void rejectsASectionsBookmarkOfAnotherBoard() {
    Users.User alice = Users.signUp();
    String kitchen = createBoard(alice.client(), "Kitchen");
    String garden = createBoard(alice.client(), "Garden");
    createSections(alice.client(), kitchen, "Section", 3);
    createSections(alice.client(), garden, "Section", 3);
    String kitchenBookmark = bookmark(alice.client().get(sectionsOf(kitchen) + "?page_size=1"));

    Api.Response next =
        alice.client().get(sectionsOf(garden) + "?page_size=1&bookmark=" + kitchenBookmark);

    assertThat(next.status()).as(next.body()).isEqualTo(400);
    assertThat(next.code()).isEqualTo(1);
  }

  private static List<String> newestFirst(List<String> oldestFirst) {
    return oldestFirst.reversed();
  }

  private static List<String> concatenatedIds(List<Api.Response> pages) {
    return pages.stream().flatMap(page -> ids(page).stream()).toList();
  }
}
