package dev.corkboard.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.cache.ReadCaches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The first pages of public search held in memory: forgotten by the words of a document that match
 * every word of their query, as search matches them (a prefix, or one typo in a long word), kept
 * for any other document, and never stored when a matching change is heard while they are read.
 */
class SearchPagesTest {

  private final ReadCaches caches = new ReadCaches(true, new SimpleMeterRegistry());
  private final SearchPages pages = new SearchPages(caches);
  private final AtomicInteger reads = new AtomicInteger();
  private final Supplier<Page<Long>> read =
      () -> new Page<>(List.of((long) reads.incrementAndGet()), Optional.empty());

  @Test
  void aHeldPageIsServedWithoutReadingAgain() {
    SearchQuery query = SearchQuery.parse("query", "Cozy kitchen");

    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(1L);
    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(1L);
    assertThat(pages.firstPage(query, 10, read).found().items())
        .as("another size")
        .containsExactly(2L);
  }

  @Test
  void aDocumentMatchingEveryWordOfTheQueryForgetsItsPageAndOthersKeepIt() {
    SearchQuery query = SearchQuery.parse("query", "kitchen cozy");
    pages.firstPage(query, 25, read);

    List<List<String>> kept =
        List.of(
            List.of("cozy", "lamp"),
            List.of("kitchen", "cosy"),
            List.of("kitchens", "co"),
            List.of("the", "kitchen", "is", "warm"));
    for (List<String> words : kept) {
      pages.written(List.of(words));
      assertThat(pages.firstPage(query, 25, read).found().items())
          .as("%s", words)
          .containsExactly(1L);
    }
    List<List<String>> forgetting =
        List.of(
            List.of("cozy", "kitchen"),
            List.of("kitchenette", "cozyness"),
            List.of("kitchn", "cozy"),
            List.of("cozy", "kitcheen"),
            List.of("a", "cozy", "bitchen"),
            List.of("cozy", "itchen"));
    long expected = 1;
    for (List<String> words : forgetting) {
      pages.written(List.of(List.of("unrelated"), words));
      assertThat(pages.firstPage(query, 25, read).found().items())
          .as("%s", words)
          .containsExactly(++expected);
    }
  }

  @Test
  void aMatchingChangeHeardWhileAPageIsReadKeepsThatPageFromBeingStored() {
    SearchQuery query = SearchQuery.parse("query", "summer cabin");
    Page<Long> first =
        pages
            .firstPage(
                query,
                25,
                () -> {
                  pages.written(List.of(List.of("summer", "cabins")));
                  return read.get();
                })
            .found();

    assertThat(first.items()).containsExactly(1L);
    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(2L);
    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(2L);
  }

  @Test
  void aWriteOfMoreDocumentsOrWordsThanOneAnnouncementNamesForgetsEveryPage() {
    SearchQuery query = SearchQuery.parse("query", "summer cabin");
    pages.firstPage(query, 25, read);
    List<List<String>> documents = new ArrayList<>();
    for (int i = 0; i <= SearchPages.MAX_DOCUMENTS; i++) {
      documents.add(List.of("word" + i));
    }

    pages.written(documents.subList(0, SearchPages.MAX_DOCUMENTS));
    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(1L);
    pages.written(documents);
    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(2L);
    pages.written(List.of(List.of("x".repeat(SearchPages.MAX_CHARACTERS))));
    assertThat(pages.firstPage(query, 25, read).found().items()).as("too long").containsExactly(3L);
  }

  @Test
  void aPageFoundStaleWhenShownIsReadAgain() {
    SearchQuery query = SearchQuery.parse("query", "summer cabin");
    pages.firstPage(query, 25, read);

    pages.forget(query, 25);

    assertThat(pages.firstPage(query, 25, read).found().items()).containsExactly(2L);
  }

  @Test
  void aChangeIsReadBackAsItWasWrittenWhateverItsWordsHold() {
    List<String> words = List.of("a,b", "100%", "crème", "e-mail", "日本", "+");

    String change = SearchPages.encode(words);

    assertThat(change).doesNotContain(" ").doesNotContain(":");
    assertThat(SearchPages.decode(change)).isEqualTo(words);
  }

  @Test
  void withTheReadCacheOffEveryPageIsRead() {
    SearchPages off = new SearchPages(ReadCaches.disabled(new SimpleMeterRegistry()));
    SearchQuery query = SearchQuery.parse("query", "summer cabin");

    assertThat(off.firstPage(query, 25, read).found().items()).containsExactly(1L);
    assertThat(off.firstPage(query, 25, read).found().items()).containsExactly(2L);
  }
}
