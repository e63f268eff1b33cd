package dev.corkboard.search;

import static dev.corkboard.search.Searches.found;
import static dev.corkboard.search.Searches.ownPins;
import static dev.corkboard.search.Searches.pin;
import static dev.corkboard.search.Searches.publicPins;
import static dev.corkboard.search.Searches.search;
import static dev.corkboard.search.Searches.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Search of the caller's own pins and boards (v5) and of everybody's public pins and boards
 * (extensions): matching, ranking, typos, languages, paging and bad input.
 */
class SearchApiTest {

  @Test
  void findsTheCallersOwnPinsByWordsAndByCommaSeparatedIds() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String marker = word();
    String aliceBoard = Pins.board(alice.client(), "Ideas");
    String first = pin(alice.client(), aliceBoard, "Green " + marker);
    String second =
        pin(alice.client(), aliceBoard, "Blue lamp", marker + " in the description", "");
    String other = pin(alice.client(), aliceBoard, "Nothing to see");
    String bobs = pin(bob.client(), Pins.board(bob.client(), "Ideas"), "Green " + marker);

    assertThat(ownPins(alice.client(), marker)).containsExactly(first, second);
    assertThat(ownPins(alice.client(), "green " + marker)).containsExactly(first);
    assertThat(ownPins(bob.client(), marker)).containsExactly(bobs);
    // Ids: the caller's own pins among them, newest first; another's pin is not found.
    assertThat(ownPins(alice.client(), first + "," + other + ", " + bobs))
        .containsExactly(other, first);
    assertThat(ownPins(alice.client(), second)).containsExactly(second);
  }

  @Test
  void findsTheCallersOwnBoardsAndListsThemAllWithoutAQuery() {
    User alice = Users.signUp();
    String marker = word();
    String named = Pins.board(alice.client(), "Kitchen " + marker);
    Api.Response described =
        alice.client().post("/v5/boards", Map.of("name", "Other", "description", "a " + marker));
    assertThat(described.status()).isEqualTo(201);
    String plain = Pins.board(alice.client(), "Plain");
    Pins.board(Users.signUp().client(), "Kitchen " + marker);

    assertThat(found(alice.client(), "/v5/search/boards", marker))
        .containsExactly(named, described.text("id"));
    assertThat(found(alice.client(), "/v5/search/boards", "kitch " + marker))
        .containsExactly(named);
    Api.Response all = alice.client().get("/v5/search/boards");
    assertThat(all.status()).isEqualTo(200);
    assertThat(Pins.ids(all)).containsExactly(plain, described.text("id"), named);
  }

  @Test
  void ranksTitleOverDescriptionOverBoardNameAndAltTextThenNewestFirst() {
    User alice = Users.signUp();
    String word = word();
    String board = Pins.board(alice.client(), "Neutral");
    String titled = pin(alice.client(), board, "Old " + word);
    String described = pin(alice.client(), board, "Lamp", "about " + word, "");
    String alt = pin(alice.client(), board, "Chair", "", "a " + word + " photo");
    String onNamedBoard = pin(alice.client(), Pins.board(alice.client(), word + " board"), "Rug");
    String newerTitled = pin(alice.client(), board, "New " + word);

    assertThat(publicPins(Users.signUp().client(), word))
        .containsExactly(newerTitled, titled, described, onNamedBoard, alt);
    // Every word in the title outranks words spread over title and description.
    String second = word();
    String spread = pin(alice.client(), board, word, second, "");
    String both = pin(alice.client(), board, word + " " + second);
    assertThat(publicPins(alice.client(), word + " " + second)).containsExactly(both, spread);
  }

  @Test
  void ranksPublicBoardsByNameOverDescription() {
    User alice = Users.signUp();
    String word = word();
    String named = Pins.board(alice.client(), "Old " + word);
    Api.Response described =
        alice.client().post("/v5/boards", Map.of("name", "Other", "description", "on " + word));
    String newer = Pins.board(Users.signUp().client(), "New " + word);
    Pins.board(alice.client(), "Secret " + word, "SECRET");

    assertThat(found(alice.client(), "/v5/search/public/boards", word))
        .containsExactly(newer, named, described.text("id"));
  }

  @Test
  void matchesThePrefixOfAWordAsItIsTyped() {
    User alice = Users.signUp();
    String word = word();
    String pin = pin(alice.client(), Pins.board(alice.client(), "Ideas"), "Rustic " + word);

    assertThat(publicPins(alice.client(), word.substring(0, 4))).contains(pin);
    assertThat(publicPins(alice.client(), "rus " + word.substring(0, 6))).containsExactly(pin);
    assertThat(publicPins(alice.client(), word + "xy")).isEmpty();
  }

  @Test
  void forgivesOneTypoInAWordOfFiveLettersOrMoreAndNoneInShorterWords() {
    User alice = Users.signUp();
    String marker = word();
    String five = word(5);
    String six = word(6);
    String four = word(4);
    String board = Pins.board(alice.client(), "Ideas");
    String pin = pin(alice.client(), board, marker + " " + five + " " + six + " " + four);

    assertThat(publicPins(alice.client(), marker + " " + replaced(five, 2))).containsExactly(pin);
    assertThat(publicPins(alice.client(), marker + " " + six.substring(0, 2) + six.substring(3)))
        .as("a letter left out")
        .containsExactly(pin);
    assertThat(publicPins(alice.client(), marker + " " + five + "q" + "z"))
        .as("two letters too many")
        .isEmpty();
    assertThat(publicPins(alice.client(), marker + " " + replaced(four, 2)))
        .as("a word of four letters")
        .isEmpty();
    assertThat(publicPins(alice.client(), replaced(marker, 1) + " " + replaced(five, 4)))
        .as("one typo in each of two words")
        .containsExactly(pin);
  }

  @Test
  void matchesWordsOfOtherLanguagesWithTheirAccents() {
    User alice = Users.signUp();
    String marker = word();
    String board = Pins.board(alice.client(), "Rezepte");
    String german = pin(alice.client(), board, "Gemütliche Küche " + marker);
    String french = pin(alice.client(), board, "Idée", "Crème brûlée à la " + marker, "");

    assertThat(publicPins(alice.client(), "küche " + marker)).containsExactly(german);
    assertThat(publicPins(alice.client(), "GEMÜTLICHE " + marker)).containsExactly(german);
    assertThat(publicPins(alice.client(), "brûlée " + marker)).containsExactly(french);
    assertThat(publicPins(alice.client(), "crème " + marker)).containsExactly(french);
  }

  @Test
  void findsANewAndAnEditedPinWithinASecond() {
    User alice = Users.signUp();
    String before = word();
    String after = word();
    String pin = pin(alice.client(), Pins.board(alice.client(), "Ideas"), before);
    assertThat(foundWithinASecond(alice.client(), before, pin)).isTrue();

    Api.Response edited = alice.client().patch("/v5/pins/" + pin, Map.of("title", after));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(foundWithinASecond(alice.client(), after, pin)).isTrue();
    assertThat(publicPins(alice.client(), before)).isEmpty();
    assertThat(ownPins(alice.client(), after)).containsExactly(pin);
  }

  @Test
  void findsThePinsOfARenamedBoardByItsNewName() {
    User alice = Users.signUp();
    String word = word();
    String board = Pins.board(alice.client(), "Neutral");
    String pin = pin(alice.client(), board, "Lamp");
    assertThat(publicPins(alice.client(), word)).isEmpty();

    assertThat(alice.client().patch("/v5/boards/" + board, Map.of("name", word)).status())
        .isEqualTo(200);
    assertThat(publicPins(alice.client(), word)).containsExactly(pin);
    assertThat(found(alice.client(), "/v5/search/public/boards", word)).containsExactly(board);
  }

  @Test
  void pagesRankedMatchesWithBookmarks() {
    User alice = Users.signUp();
    String word = word();
    String board = Pins.board(alice.client(), "Ideas");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(pin(alice.client(), board, "Lamp", word, ""));
      made.add(pin(alice.client(), board, word));
    }
    // Titles first, then descriptions, newest first within each.
    List<String> expected =
        List.of(made.get(5), made.get(3), made.get(1), made.get(4), made.get(2), made.get(0));

    for (String path : List.of("/v5/search/public/pins", "/v5/search/pins")) {
      List<String> seen = new ArrayList<>();
      String bookmark = null;
      int pages = 0;
      do {
        Api.Response page =
            alice
                .client()
                .get(
                    search(path, word)
                        + "&page_size=4"
                        + (bookmark == null
                            ? ""
                            : "&bookmark=" + URLEncoder.encode(bookmark, StandardCharsets.UTF_8)));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        seen.addAll(Pins.ids(page));
        bookmark = page.json().path("bookmark").isTextual() ? page.text("bookmark") : null;
        pages++;
      } while (bookmark != null && pages < 5);
      assertThat(pages).isEqualTo(2);
      assertThat(seen).as(path).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void answersBadInputWithABadRequestNamingTheField() {
    Api api = Users.signUp().client();
    for (String path :
        List.of(
            "/v5/search/pins",
            "/v5/search/boards",
            "/v5/search/public/pins",
            "/v5/search/public/boards")) {
      assertBadRequest(api.get(search(path, "")), "query must not be empty");
      assertBadRequest(api.get(search(path, "   ")), "query must not be empty");
      assertBadRequest(api.get(search(path, "a".repeat(201))), "query must be at most 200");
      assertBadRequest(api.get(search(path, "?!-")), "query must contain a letter or a digit");
      assertBadRequest(api.get(search(path, "lamp") + "&page_size=0"), "page_size");
      assertBadRequest(api.get(search(path, "lamp") + "&page_size=251"), "page_size");
      assertBadRequest(api.get(search(path, "lamp") + "&page_size=x"), "page_size");
      assertBadRequest(api.get(search(path, "lamp") + "&bookmark=abc"), "bookmark");
    }
    assertBadRequest(api.get("/v5/search/pins"), "query is required");
    assertBadRequest(api.get("/v5/search/public/pins"), "query is required");
    assertBadRequest(api.get("/v5/search/public/boards"), "query is required");
    assertBadRequest(
        api.get(search("/v5/search/public/pins", "a b c d e f g h i j k")), "at most 10");
  }

  private static void assertBadRequest(Api.Response response, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains(message);
  }

  /** Whether a public search finds the pin within a second of the write's answer. */
  private static boolean foundWithinASecond(Api api, String query, String pin) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    do {
      if (publicPins(api, query).contains(pin)) {
        return true;
      }
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** The word with the letter at {@code index} replaced by another. */
  private static String replaced(String word, int index) {
    char other = word.charAt(index) == 'z' ? 'y' : (char) (word.charAt(index) + 1);
    return word.substring(0, index) + other + word.substring(index + 1);
  }
}
