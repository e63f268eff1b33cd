package dev.corkboard.search;

import static dev.corkboard.search.SearchRepository.Kind.BOARDS;
import static dev.corkboard.search.SearchRepository.Kind.PINS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The ranking, typo and visibility SQL of search on the real embedded PostgreSQL. */
class SearchRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(14, Clock.systemUTC());

  private static final OptionalLong NOBODY = OptionalLong.empty();

  private final Database db = TestDatabase.shared();
  private final SearchRepository repository = new SearchRepository();

  @Test
  void ranksByTheFieldsThatHoldEveryWordThenNewestFirstAndPagesByTierAndId() {
    long owner = account(21);
    long board = board(owner, "Neutral", "PUBLIC");
    String word = Searches.word();
    String other = Searches.word();
    long spread = pin(owner, board, word, other, "");
    long titled = pin(owner, board, word + " " + other, "", "");
    long described = pin(owner, board, "", word + " " + other, "");
    long altOnly = pin(owner, board, "", "", word + " " + other);
    long newerTitled = pin(owner, board, other + " and " + word, "", "");

    SearchRepository.Terms terms = terms(word + " " + other);
    List<SearchRepository.Match> all =
        repository.ranked(db, PINS, terms, NOBODY, 4, Long.MAX_VALUE, 10, false);
    assertThat(all)
        .containsExactly(
            new SearchRepository.Match(newerTitled, 3),
            new SearchRepository.Match(titled, 3),
            new SearchRepository.Match(described, 2),
            new SearchRepository.Match(spread, 2),
            new SearchRepository.Match(altOnly, 1));
    // The next page starts after the cursor's tier and id.
    assertThat(repository.ranked(db, PINS, terms, NOBODY, 3, titled, 10, false))
        .extracting(SearchRepository.Match::id)
        .containsExactly(described, spread, altOnly);
    assertThat(repository.ranked(db, PINS, terms, OptionalLong.of(owner), 2, spread, 10, false))
        .extracting(SearchRepository.Match::id)
        .containsExactly(altOnly);
  }

  @Test
  void decidesVisibilityFromTheBoardsPrivacyWhenTheSearchRuns() {
    long owner = account(22);
    long board = board(owner, "Board", "PUBLIC");
    String word = Searches.word();
    long pin = pin(owner, board, word, "", "");
    SearchRepository.Terms terms = terms(word);
    assertThat(repository.ranked(db, PINS, terms, NOBODY, 4, Long.MAX_VALUE, 10, false)).hasSize(1);

    // No document is written again: the join reads the privacy as it is now.
    db.update(
        "UPDATE boards SET privacy = 'SECRET' WHERE shard = $1 AND id = $2", shard(board), board);

    assertThat(repository.ranked(db, PINS, terms, NOBODY, 4, Long.MAX_VALUE, 10, false)).isEmpty();
    assertThat(
            repository.ranked(
                db, PINS, terms, OptionalLong.of(owner), 4, Long.MAX_VALUE, 10, false))
        .isEmpty();
    assertThat(
            repository.ranked(db, PINS, terms, OptionalLong.of(owner), 4, Long.MAX_VALUE, 10, true))
        .extracting(SearchRepository.Match::id)
        .containsExactly(pin);
    assertThat(repository.ownPinsById(db, owner, List.of(pin), Long.MAX_VALUE, 10, true))
        .containsExactly(pin);
    assertThat(repository.ownPinsById(db, owner, List.of(pin), Long.MAX_VALUE, 10, false))
        .isEmpty();
  }

  @Test
  void findsTheDictionaryWordsOneTypoAwayFromALongWord() {
    long owner = account(23);
    String word = Searches.word(7);
    long board = board(owner, "Board", "PUBLIC");
    pin(owner, board, word, "", "");
    String typo = word.substring(0, 3) + (word.charAt(3) == 'q' ? 'r' : 'q') + word.substring(4);

    Map<String, List<String>> variants = repository.variants(db, List.of(typo, word + "zz"));

    assertThat(variants).containsExactly(Map.entry(typo, List.of(word)));
    assertThat(repository.ranked(db, PINS, terms(typo), NOBODY, 4, Long.MAX_VALUE, 10, false))
        .isEmpty();
    SearchRepository.Terms forgiving =
        SearchRepository.Terms.of(SearchQuery.parse("query", typo), variants);
    assertThat(repository.ranked(db, PINS, forgiving, NOBODY, 4, Long.MAX_VALUE, 10, false))
        .hasSize(1);
    // One statement answers the same variants and the postings they stand for.
    SearchRepository.Expansion expansion = repository.expand(db, List.of(typo), List.of(typo));
    assertThat(expansion.variants()).isEqualTo(variants);
    assertThat(expansion.postings()).contains(List.of(List.of(word)));
    assertThat(
            new PostingWalk(expansion.postings().orElseThrow())
                .page(db, 4, Long.MAX_VALUE, 10, false))
        .hasSize(1);
  }

  @Test
  void rewritesThePinsOfARenamedBoard() {
    long owner = account(24);
    long board = board(owner, "Before", "PUBLIC");
    long pin = pin(owner, board, "Lamp", "", "");
    String word = Searches.word();
    db.update(
        "UPDATE boards SET name = $3 WHERE shard = $1 AND id = $2", shard(board), board, word);
    assertThat(repository.ranked(db, PINS, terms(word), NOBODY, 4, Long.MAX_VALUE, 10, false))
        .isEmpty();

    db.inTransaction(tx -> repository.upsertBoard(tx, board));

    assertThat(repository.ranked(db, PINS, terms(word), NOBODY, 4, Long.MAX_VALUE, 10, false))
        .containsExactly(new SearchRepository.Match(pin, 1));
    assertThat(repository.ranked(db, BOARDS, terms(word), NOBODY, 4, Long.MAX_VALUE, 10, false))
        .containsExactly(new SearchRepository.Match(board, 3));
  }

  @Test
  void rebuildsEveryDocumentTheDictionaryAndTheIndexesAfterABulkLoad() {
    try (Database fresh = Database.connect(TestDatabase.fresh(), 1, new SimpleMeterRegistry())) {
      long owner = IDS.next((short) 25);
      TestDatabase.insertAccount(fresh, owner, "bulk_" + owner);
      long board = IDS.next((short) 25);
      fresh.update(
          "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES (25, $1, $2, $3, 'PUBLIC')",
          board,
          owner,
          "Kitchen shelves");
      long pin = IDS.next((short) 25);
      fresh.update(
          """
          INSERT INTO pins (shard, id, owner_id, board_id, title, creative_type)
          VALUES (25, $1, $2, $3, 'Rustic lamps', 'REGULAR')""",
          pin,
          owner,
          board);

      for (String statement : SearchSql.rebuild()) {
        fresh.update(statement);
      }

      assertThat(
              repository.ranked(
                  fresh, PINS, terms("shelves"), NOBODY, 4, Long.MAX_VALUE, 10, false))
          .containsExactly(new SearchRepository.Match(pin, 1));
      assertThat(
              repository.ranked(
                  fresh, BOARDS, terms("kitchen"), NOBODY, 4, Long.MAX_VALUE, 10, false))
          .containsExactly(new SearchRepository.Match(board, 3));
      assertThat(
              new PostingWalk(
                      repository.expand(fresh, List.of("lamp"), List.of()).postings().orElseThrow())
                  .page(fresh, 4, Long.MAX_VALUE, 10, false))
          .containsExactly(new SearchRepository.Match(pin, 3));
      assertThat(repository.variants(fresh, List.of("rustik")))
          .containsExactly(Map.entry("rustik", List.of("rustic")));
      assertThat(
              fresh.list(
                  "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search%'",
                  row -> row.getString(0)))
          .contains("pin_search_document", "board_search_document", "search_words_trigrams");
    }
  }

  @Test
  void walkingThePostingsFindsWhatTheIndexRanksPageByPageForEveryKindOfQuery() {
    long owner = account(26);
    // A vocabulary no other test writes: words that share a prefix, so that a prefix stands for
    // several of them, and enough pins that a word's postings take more than one round.
    String base = Searches.word(6);
    List<String> vocabulary =
        List.of(base + "a", base + "ab", base + "abc", base + "b", base + "c", base + "d");
    List<Long> boards =
        List.of(
            board(owner, vocabulary.get(0), "PUBLIC"),
            board(owner, vocabulary.get(3), "PUBLIC"),
            board(owner, vocabulary.get(4), "SECRET"),
            board(owner, "Plain", "PUBLIC"));
    java.util.Random random = new java.util.Random(26);
    List<Long> pins = new java.util.ArrayList<>();
    for (int i = 0; i < 700; i++) {
      pins.add(
          insertPin(
              owner,
              boards.get(random.nextInt(boards.size())),
              words(vocabulary, random, 3),
              words(vocabulary, random, 2),
              words(vocabulary, random, 1)));
    }
    db.inTransaction(tx -> repository.upsertPins(tx, pins));
    List<String> queries =
        List.of(
            vocabulary.get(0),
            vocabulary.get(1) + " " + vocabulary.get(4),
            vocabulary.get(3) + " " + vocabulary.get(4) + " " + vocabulary.get(5),
            base,
            base + "a " + vocabulary.get(3),
            base + " " + base + "ab",
            base + "zz");
    for (String query : queries) {
      SearchQuery parsed = SearchQuery.parse("query", query);
      List<List<String>> postings =
          repository.expand(db, parsed.words(), List.of()).postings().orElseThrow();
      for (boolean secret : List.of(false, true)) {
        for (int limit : List.of(25, 120)) {
          int tier = 4;
          long id = Long.MAX_VALUE;
          int pages = 0;
          while (true) {
            List<SearchRepository.Match> ranked =
                repository.ranked(db, PINS, terms(query), NOBODY, tier, id, limit, secret);
            assertThat(new PostingWalk(postings).page(db, tier, id, limit, secret))
                .as("%s, secret %s, page %d of %d", query, secret, pages, limit)
                .isEqualTo(ranked);
            if (ranked.size() < limit) {
              break;
            }
            tier = ranked.getLast().tier();
            id = ranked.getLast().id();
            pages++;
          }
          if (limit == 25 && !query.endsWith("zz")) {
            assertThat(pages).as(query).isPositive();
          }
        }
      }
    }
  }

  @Test
  void keepsAPinsPostingsEqualToTheWordsOfItsDocument() {
    long owner = account(27);
    long board = board(owner, "Board", "PUBLIC");
    String before = Searches.word();
    String after = Searches.word();
    long pin = pin(owner, board, before, "", "");
    assertThat(postings(pin)).contains(before + ":4");

    db.update(
        "UPDATE pins SET title = $3, description = $4 WHERE shard = $1 AND id = $2",
        shard(pin),
        pin,
        after,
        after);
    db.inTransaction(tx -> repository.upsertPin(tx, pin));
    assertThat(postings(pin)).contains(after + ":6").noneMatch(p -> p.startsWith(before));

    db.update("DELETE FROM pins WHERE shard = $1 AND id = $2", shard(pin), pin);
    assertThat(postings(pin)).isEmpty();
  }

  /** A pin's postings, as {@code term:fields}. */
  private List<String> postings(long pin) {
    return db.list(
        "SELECT term || ':' || fields FROM pin_terms WHERE pin_id = $1",
        row -> row.getString(0),
        pin);
  }

  /** Up to {@code most} words of {@code vocabulary}, drawn at random (perhaps none). */
  private static String words(List<String> vocabulary, java.util.Random random, int most) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(most + 1); i > 0; i--) {
      text.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(' ');
    }
    return text.toString().strip();
  }

  private static SearchRepository.Terms terms(String query) {
    return SearchRepository.Terms.of(SearchQuery.parse("query", query), Map.of());
  }

  private static short shard(long id) {
    return Ids.shardOf(id);
  }

  private long account(int shard) {
    long id = IDS.next((short) shard);
    TestDatabase.insertAccount(db, id, "searcher_" + id);
    return id;
  }

  private long board(long owner, String name, String privacy) {
    long id = IDS.next(Ids.shardOf(owner));
    db.update(
        "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES ($1, $2, $3, $4, $5)",
        shard(id),
        id,
        owner,
        name + " " + id,
        privacy);
    db.inTransaction(tx -> repository.upsertBoard(tx, id));
    return id;
  }

  private long pin(long owner, long board, String title, String description, String altText) {
    long id = insertPin(owner, board, title, description, altText);
    db.inTransaction(tx -> repository.upsertPin(tx, id));
    return id;
  }

  /** Inserts a pin without its search document. */
  private long insertPin(long owner, long board, String title, String description, String altText) {
    long id = IDS.next(Ids.shardOf(owner));
    db.update(
        """
        INSERT INTO pins (shard, id, owner_id, board_id, title, description, alt_text, creative_type)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'REGULAR')""",
        shard(id),
        id,
        owner,
        board,
        title,
        description,
        altText);
    return id;
  }
}
