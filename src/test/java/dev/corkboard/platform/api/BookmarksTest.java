package dev.corkboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BookmarksTest {

  private final Bookmarks bookmarks = new Bookmarks(key((byte) 1));

  @Test
  void roundTripsTheCursorOfItsList() {
    String bookmark = bookmarks.encode("boards:1", "12345");
    assertThat(bookmarks.decode("boards:1", Optional.of(bookmark))).contains("12345");
    assertThat(bookmarks.decodeLong("boards:1", Optional.of(bookmark))).contains(12345L);
  }

  @Test
  void noBookmarkMeansTheFirstPage() {
    assertThat(bookmarks.decode("boards:1", Optional.empty())).isEmpty();
  }

  @Test
  void refusesABookmarkOfAnotherList() {
    String bookmark = bookmarks.encode("boards:1", "12345");
    assertThatThrownBy(() -> bookmarks.decode("boards:2", Optional.of(bookmark)))
        .isInstanceOf(ApiException.InvalidInput.class)
        .hasMessageContaining("bookmark");
  }

  @Test
  void refusesEveryAlteredCharacter() {
    String bookmark = bookmarks.encode("boards:1", "12345");
    for (int i = 0; i < bookmark.length(); i++) {
      char[] chars = bookmark.toCharArray();
      chars[i] = chars[i] == 'A' ? 'B' : 'A';
      String altered = new String(chars);
      assertThatThrownBy(() -> bookmarks.decode("boards:1", Optional.of(altered)))
          .isInstanceOf(ApiException.InvalidInput.class);
    }
  }

  @Test
  void refusesGarbageAndBookmarksSignedWithAnotherKey() {
    for (String garbage : List.of("x", "!!!", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
      assertThatThrownBy(() -> bookmarks.decode("l", Optional.of(garbage)))
          .isInstanceOf(ApiException.InvalidInput.class);
    }
    String foreign = new Bookmarks(key((byte) 2)).encode("l", "1");
    assertThatThrownBy(() -> bookmarks.decode("l", Optional.of(foreign)))
        .isInstanceOf(ApiException.InvalidInput.class);
  }

  @Test
  void pageCutsTheExtraRowAndBookmarksTheLastItemServed() {
    List<Integer> fetched = IntStream.rangeClosed(1, 4).boxed().toList();
    Page<Integer> page = bookmarks.page("l", fetched, 3, String::valueOf);
    assertThat(page.items()).containsExactly(1, 2, 3);
    assertThat(bookmarks.decode("l", page.bookmark())).contains("3");

    Page<Integer> last = bookmarks.page("l", fetched.subList(0, 3), 3, String::valueOf);
    assertThat(last.items()).containsExactly(1, 2, 3);
    assertThat(last.bookmark()).isEmpty();
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> new Bookmarks(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] key(byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    return key;
  }
}
