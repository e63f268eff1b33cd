package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pin lists of boards, sections and the caller: order, keyset paging, refused bookmarks and
 * filters.
 */
class PinListApiTest {

  /** Creates {@code count} small pins on the board and answers their ids, oldest first. */
  private static List<String> createPins(Api api, String board, int count) {
    byte[] png = Images.png(8, 8, Color.DARK_GRAY);
    return IntStream.range(0, count)
        .mapToObj(i -> Pins.create(api, board, png).text("id"))
        .toList();
  }

  private static List<String> newestFirst(List<String> ids) {
    return new ArrayList<>(ids).reversed();
  }

  private static Api.Response list(Api api, String path) {
    Api.Response page = api.get(path);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return page;
  }

  /** The bookmark of a page, or null on the last page; the field is always present. */
  private static String bookmark(Api.Response page) {
    JsonNode bookmark = page.json().path("bookmark");
    assertThat(bookmark.isMissingNode()).as("bookmark field in " + page.body()).isFalse();
    return bookmark.isNull() ? null : bookmark.asText();
  }

  /** The bookmark with a character of its signed payload replaced. */
  private static String tamper(String bookmark) {
    char replacement = bookmark.charAt(1) == 'A' ? 'B' : 'A';
    return bookmark.charAt(0) + String.valueOf(replacement) + bookmark.substring(2);
  }

  private static void assertInvalidParameter(Api.Response response, String field) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains(field);
  }

  @Test
  void boardPinsAreListedMostRecentlySavedFirst() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Order");
    List<String> created = createPins(alice, board, 3);
    String resaved = Pins.save(alice, created.getFirst(), board);

    Api.Response page = list(alice, "/v5/boards/" + board + "/pins");

    assertThat(Pins.ids(page))
        .containsExactly(resaved, created.get(2), created.get(1), created.get(0));
    assertThat(bookmark(page)).isNull();
  }

  @Test
  void pagingThirtyBoardPinsBySevenServesEachOnceInOrder() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Thirty");
    List<String> created = createPins(alice, board, 30);

    List<String> walked = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String path = "/v5/boards/" + board + "/pins?page_size=7";
    Api.Response page = list(alice, path);
    while (true) {
      walked.addAll(Pins.ids(page));
      sizes.add(Pins.ids(page).size());
      String bookmark = bookmark(page);
      if (bookmark == null) {
        break;
      }
      assertThat(sizes).as("pages before the bookmark ran out").hasSizeLessThan(6);
      page = list(alice, path + "&bookmark=" + bookmark);
    }

    assertThat(sizes).containsExactly(7, 7, 7, 7, 2);
    assertThat(walked).containsExactlyElementsOf(newestFirst(created));
  }

  @Test
  void fullLastPageOfBoardPinsHasNoBookmark() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Exact");
    List<String> created = createPins(alice, board, 4);

    Api.Response first = list(alice, "/v5/boards/" + board + "/pins?page_size=2");
    Api.Response second =
        list(alice, "/v5/boards/" + board + "/pins?page_size=2&bookmark=" + bookmark(first));

    assertThat(Pins.ids(second)).containsExactly(created.get(1), created.get(0));
    assertThat(bookmark(second)).isNull();
  }

  @Test
  void tamperedBookmarkIsRefused() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Tamper");
    createPins(alice, board, 3);
    String path = "/v5/boards/" + board + "/pins?page_size=1";
    String bookmark = bookmark(list(alice, path));

    for (String bad : List.of(tamper(bookmark), bookmark + "A", "not-a-bookmark", "AAAA")) {
      assertInvalidParameter(alice.get(path + "&bookmark=" + bad), "bookmark");
    }
  }

  @Test
  void bookmarkOfOneListIsRefusedOnAnother() {
    Users.User user = Users.signUp();
    Api alice = user.client();
    String boardA = Pins.board(alice, "A");
    String boardB = Pins.board(alice, "B");
    String section = Pins.section(alice, boardA, "Section");
    createPins(alice, boardA, 2);
    createPins(alice, boardB, 2);
    Pins.createInSection(alice, boardA, section);
    Pins.createInSection(alice, boardA, section);
    String fromA = bookmark(list(alice, "/v5/boards/" + boardA + "/pins?page_size=1"));
    String fromRegularA =
        bookmark(list(alice, "/v5/boards/" + boardA + "/pins?page_size=1&creative_types=REGULAR"));
    String fromMine = bookmark(list(alice, "/v5/pins?page_size=1"));

    assertInvalidParameter(
        alice.get("/v5/boards/" + boardB + "/pins?page_size=1&bookmark=" + fromA), "bookmark");
    assertInvalidParameter(
        alice.get("/v5/boards/" + boardA + "/sections/" + section + "/pins?bookmark=" + fromA),
        "bookmark");
    assertInvalidParameter(alice.get("/v5/pins?bookmark=" + fromA), "bookmark");
    assertInvalidParameter(
        alice.get("/v5/boards/" + boardA + "/pins?bookmark=" + fromMine), "bookmark");
    assertInvalidParameter(
        alice.get("/v5/boards/" + boardA + "/pins?bookmark=" + fromRegularA), "bookmark");
    Users.User bob = Users.signUp();
    assertInvalidParameter(bob.client().get("/v5/pins?bookmark=" + fromMine), "bookmark");
  }

  @Test
  void sectionPinListShowsOnlyThatSectionsPins() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Sections");
    String first = Pins.section(alice, board, "First");
    String second = Pins.section(alice, board, "Second");
    String a = Pins.createInSection(alice, board, first);
    String b = Pins.createInSection(alice, board, second);
    String c = Pins.createInSection(alice, board, first);
    String loose = Pins.create(alice, board, Color.RED).text("id");

    assertThat(Pins.ids(list(alice, "/v5/boards/" + board + "/sections/" + first + "/pins")))
        .containsExactly(c, a);
    assertThat(Pins.ids(list(alice, "/v5/boards/" + board + "/sections/" + second + "/pins")))
        .containsExactly(b);
    assertThat(Pins.ids(list(alice, "/v5/boards/" + board + "/pins")))
        .containsExactly(loose, c, b, a);
  }

  @Test
  void sectionPinListPagesThroughItsPins() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Section pages");
    String section = Pins.section(alice, board, "Paged");
    List<String> created =
        IntStream.range(0, 3).mapToObj(i -> Pins.createInSection(alice, board, section)).toList();
    String path = "/v5/boards/" + board + "/sections/" + section + "/pins?page_size=2";

    Api.Response first = list(alice, path);
    Api.Response second = list(alice, path + "&bookmark=" + bookmark(first));

    assertThat(Pins.ids(first)).containsExactly(created.get(2), created.get(1));
    assertThat(Pins.ids(second)).containsExactly(created.get(0));
    assertThat(bookmark(second)).isNull();
  }

  @Test
  void sectionOfAnotherBoardHasNoPinList() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Home");
    String other = Pins.board(alice, "Other");
    String foreign = Pins.section(alice, other, "Elsewhere");
    Pins.createInSection(alice, other, foreign);

    Api.Response answer = alice.get("/v5/boards/" + board + "/sections/" + foreign + "/pins");

    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo(40);
  }

  @Test
  void creativeTypesFilterSeparatesCarouselsFromRegularPins() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Mixed");
    String regular = Pins.create(alice, board, Color.RED).text("id");
    String carousel = Pins.createCarousel(alice, board);
    String otherRegular = Pins.create(alice, board, Color.BLUE).text("id");
    String boardPins = "/v5/boards/" + board + "/pins";

    assertThat(Pins.ids(list(alice, boardPins + "?creative_types=CAROUSEL")))
        .containsExactly(carousel);
    assertThat(Pins.ids(list(alice, boardPins + "?creative_types=REGULAR")))
        .containsExactly(otherRegular, regular);
    assertThat(Pins.ids(list(alice, boardPins + "?creative_types=REGULAR,CAROUSEL")))
        .containsExactly(otherRegular, carousel, regular);
    assertThat(Pins.ids(list(alice, boardPins + "?creative_types=VIDEO"))).isEmpty();
    assertThat(Pins.ids(list(alice, "/v5/pins?creative_types=CAROUSEL"))).containsExactly(carousel);
    assertThat(Pins.ids(list(alice, "/v5/pins?creative_types=REGULAR")))
        .containsExactly(otherRegular, regular);
    for (JsonNode pin : list(alice, boardPins + "?creative_types=CAROUSEL").json().path("items")) {
      assertThat(pin.path("creative_type").asText()).isEqualTo("CAROUSEL");
    }
  }

  @Test
  void unknownCreativeTypeIsRefused() {
    Api alice = Users.signUp().client();
    String board = Pins.board(alice, "Types");

    assertInvalidParameter(
        alice.get("/v5/boards/" + board + "/pins?creative_types=GIF"), "creative_types");
    assertInvalidParameter(alice.get("/v5/pins?creative_types=GIF"), "creative_types");
  }

  @Test
  void callersPinListShowsTheirPinsFromEveryBoardNewestFirst() {
    Api alice = Users.signUp().client();
    Api bob = Users.signUp().client();
    String first = Pins.board(alice, "First");
    String second = Pins.board(alice, "Second");
    String a = Pins.create(alice, first, Color.RED).text("id");
    String b = Pins.create(alice, second, Color.GREEN).text("id");
    String bobs = Pins.create(bob, Pins.board(bob, "Bob's"), Color.BLUE).text("id");
    String c = Pins.save(alice, bobs, first);

    Api.Response page = list(alice, "/v5/pins");

    assertThat(Pins.ids(page)).containsExactly(c, b, a);
    assertThat(bookmark(page)).isNull();
    assertThat(Pins.ids(list(bob, "/v5/pins"))).containsExactly(bobs);
  }

  @Test
  void callersPinListPagesThroughEveryPin() {
    Api alice = Users.signUp().client();
    List<String> created = new ArrayList<>(createPins(alice, Pins.board(alice, "One"), 3));
    created.addAll(createPins(alice, Pins.board(alice, "Two"), 3));

    Api.Response first = list(alice, "/v5/pins?page_size=4");
    Api.Response second = list(alice, "/v5/pins?page_size=4&bookmark=" + bookmark(first));

    List<String> walked = new ArrayList<>(Pins.ids(first));
    walked.addAll(Pins.ids(second));
    assertThat(walked).containsExactlyElementsOf(newestFirst(created));
    assertThat(bookmark(second)).isNull();
  }

  @Test
  void pinFilterSeparatesSavesFromNativePins() {
    Api alice = Users.signUp().client();
    Api bob = Users.signUp().client();
    String board = Pins.board(alice, "Filters");
    String bobs = Pins.create(bob, Pins.board(bob, "Bob's"), Color.BLUE).text("id");
    String native1 = Pins.create(alice, board, Color.RED).text("id");
    String saveOfBobs = Pins.save(alice, bobs, board);
    String native2 = Pins.create(alice, board, Color.GREEN).text("id");
    String saveOfOwn = Pins.save(alice, native1, board);

    assertThat(Pins.ids(list(alice, "/v5/pins?pin_filter=exclude_repins")))
        .containsExactly(native2, native1);
    assertThat(Pins.ids(list(alice, "/v5/pins?pin_filter=exclude_native")))
        .containsExactly(saveOfOwn, saveOfBobs);
    assertThat(Pins.ids(list(alice, "/v5/pins")))
        .containsExactly(saveOfOwn, native2, saveOfBobs, native1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "EXCLUDE_REPINS"})
  void unknownPinFilterIsRefused(String filter) {
    Api alice = Users.signUp().client();

    Api.Response answer = alice.get("/v5/pins?pin_filter=" + filter);

    assertInvalidParameter(answer, "pin_filter");
  }

  @Test
  void listedPinsAreOwnedByTheOwnerButNotByAnotherReader() {
    Api alice = Users.signUp().client();
    Api bob = Users.signUp().client();
    String board = Pins.board(alice, "Shared view");
    String section = Pins.section(alice, board, "Section");
    createPins(alice, board, 2);
    Pins.createInSection(alice, board, section);
    String boardPins = "/v5/boards/" + board + "/pins";
    String sectionPins = "/v5/boards/" + board + "/sections/" + section + "/pins";

    for (String path : List.of(boardPins, sectionPins)) {
      JsonNode ownerItems = list(alice, path).json().path("items");
      JsonNode readerItems = list(bob, path).json().path("items");
      assertThat(ownerItems.size()).isPositive();
      assertThat(readerItems.size()).isEqualTo(ownerItems.size());
      for (JsonNode pin : ownerItems) {
        assertThat(pin.path("is_owner").asBoolean()).as(pin.toString()).isTrue();
      }
      for (JsonNode pin : readerItems) {
        assertThat(pin.path("is_owner").isBoolean()).as(pin.toString()).isTrue();
        assertThat(pin.path("is_owner").asBoolean()).as(pin.toString()).isFalse();
      }
    }
    for (JsonNode pin : list(alice, "/v5/pins").json().path("items")) {
      assertThat(pin.path("is_owner").asBoolean()).isTrue();
    }
  }
}
