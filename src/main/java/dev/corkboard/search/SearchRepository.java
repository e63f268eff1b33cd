package dev.corkboard.search;

import dev.corkboard.board.BoardSql;
import dev.corkboard.pin.PinSql;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps the search documents of pins and boards and the dictionary of their words in PostgreSQL,
 * and finds, ranks and pages what matches a query.
 */
final class SearchRepository {

  /** The most words of the postings one query word may stand for by its prefix. */
  static final int MAX_TERMS = 32;

  /**
   * The ranked matches of a query, one page after the cursor {@code (tier, id)}: the subquery names
   * the table {@code s} with its id column, the joins and the condition that decide who sees what;
   * $1 to $3 are the query matching any field, title or description, and title alone; $4 and $5 the
   * cursor, $6 the limit; the condition's parameters follow from $7.
   *
   * <p>The tier is 3 when the title (a board's name) holds every word, 2 when the title and
   * description do between them, 1 otherwise; newer ids come first within a tier. Only the matches
   * of one query are ranked, which the GIN index finds; the tiers are then two more matches of the
   * same row, with no ranking function over positions. Each query is parsed once, in a scalar
   * subquery: a prepared statement's generic plan would otherwise parse its text again for every
   * row it matches (a fifth of the statement's time on the benchmark's two-word queries).
   */
  private static final String RANKED =
      """
      SELECT r.id, r.tier FROM (
        SELECT s.%2$s AS id,
               CASE WHEN s.document @@ (SELECT to_tsquery('simple', $3)) THEN 3
                    WHEN s.document @@ (SELECT to_tsquery('simple', $2)) THEN 2
                    ELSE 1 END AS tier
        FROM %1$s s
        %3$s
        WHERE s.document @@ (SELECT to_tsquery('simple', $1)) AND %4$s
      ) r
      WHERE (r.tier, r.id) < ($4, $5)
      ORDER BY r.tier DESC, r.id DESC
      LIMIT $6""";

  /**
   * What a search looks through: the table of documents with its id column and the joins that give
   * the board ({@code b}) whose privacy decides who finds it, and the owner ({@code p.owner_id} or
   * {@code b.owner_id}) of what the caller's own search finds.
   */
  enum Kind {
    PINS(
        "pin_search", "pin_id", PinSql.joinPin("s") + "\n" + BoardSql.joinBoard("p"), "p.owner_id"),
    BOARDS("board_search", "board_id", BoardSql.joinBoard("s"), "b.owner_id");

    private final String everybodys;
    private final String owners;

    Kind(String table, String id, String joins, String owner) {
      String shown = AccessSql.BOARD_SHOWN.formatted(7);
      this.everybodys = RANKED.formatted(table, id, joins, shown);
      this.owners =
          RANKED.formatted(
              table,
              id,
              joins,
              "s.shard IN (%s) AND %s = $9 AND %s"
                  .formatted(BoardSql.shardsOfOwner("$8", "$9"), owner, shown));
    }
  }

  /**
   * The rank of a query's match and the id it found.
   *
   * @param id the pin or board
   * @param tier 3 title, 2 title and description, 1 any field
   */
  record Match(long id, int tier) {}

  /**
   * The dictionary's words that may be one typo from each word of {@code $1}: trigrams find them
   * (similarity 0.3 or more: a word of five letters with one letter replaced still shares a third
   * of its trigrams), and {@link #typos} checks the distance.
   */
  private static final String CANDIDATES =
      """
      SELECT t.word, w.word AS candidate
      FROM unnest($1::text[]) AS t(word)
      CROSS JOIN LATERAL (
        SELECT d.word FROM search_words d
        WHERE d.word % t.word
          AND length(d.word) BETWEEN length(t.word) - 1 AND length(t.word) + 1
        LIMIT 50) w""";

  /**
   * With the candidates of the words of $1, the words of the postings that each word of $2 starts,
   * up to one more than $3 of them: found by skipping through the postings' primary key from one
   * word to the next (one index descent per word, whatever number of pins hold it). Each row is a
   * candidate ({@code typo}) or a word started.
   */
  private static final String EXPANSIONS =
      """
      WITH RECURSIVE x(word, term, n) AS (
        SELECT q.word, (SELECT t.term FROM pin_terms t WHERE t.term >= q.word
                        ORDER BY t.term LIMIT 1), 1
        FROM unnest($2::text[]) AS q(word)
        UNION ALL
        SELECT x.word, (SELECT t.term FROM pin_terms t WHERE t.term > x.term
                        ORDER BY t.term LIMIT 1), x.n + 1
        FROM x WHERE x.n <= $3 AND starts_with(x.term, x.word))
      SELECT c.word, c.candidate AS term, TRUE AS typo FROM (%s) c
      UNION ALL
      SELECT x.word, x.term, FALSE FROM x WHERE starts_with(x.term, x.word)"""
          .formatted(CANDIDATES);

  /** The query's words of the dictionary within one typo of each long query word. */
  Map<String, List<String>> variants(Sql sql, List<String> words) {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    if (!words.isEmpty()) {
      sql.query(CANDIDATES, (Object) words.toArray(String[]::new))
          .forEach(row -> typos(variants, row.getString("word"), row.getString("candidate")));
    }
    return variants;
  }

  /** Adds {@code candidate} to the variants of {@code word} if it is one typo away. */
  private static void typos(Map<String, List<String>> variants, String word, String candidate) {
    if (SearchQuery.oneTypoApart(word, candidate)) {
      variants.computeIfAbsent(word, w -> new ArrayList<>()).add(candidate);
    }
  }

  /**
   * What a query's words stand for, in one statement: the variants of its long words ({@code
   * typoWords}), as {@link #variants}, and the words of the postings each of its {@code words}
   * stands for, in order: the words it starts (itself included) and its variants (none for a word
   * no pin holds). The postings are empty when a word starts more than {@link #MAX_TERMS} words:
   * the ranked statement over the GIN index answers such a query.
   */
  Expansion expand(Sql sql, List<String> words, List<String> typoWords) {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    Map<String, List<String>> started = new LinkedHashMap<>();
    sql.query(EXPANSIONS, typoWords.toArray(String[]::new), words.toArray(String[]::new), MAX_TERMS)
        .forEach(
            row -> {
              String word = row.getString("word");
              String term = row.getString("term");
              if (row.getBoolean("typo")) {
                typos(variants, word, term);
              } else {
                started.computeIfAbsent(word, w -> new ArrayList<>()).add(term);
              }
            });
    List<List<String>> terms = new ArrayList<>(words.size());
    for (String word : words) {
      List<String> own = new ArrayList<>(started.getOrDefault(word, List.of()));
      if (own.size() > MAX_TERMS) {
        return new Expansion(variants, Optional.empty());
      }
      for (String variant : variants.getOrDefault(word, List.of())) {
        if (!own.contains(variant)) {
          own.add(variant);
        }
      }
      terms.add(own);
    }
    return new Expansion(variants, Optional.of(terms));
  }

  /**
   * What a query's words stand for.
   *
   * @param variants the dictionary's words one typo from each long word
   * @param postings the words of the postings of each query word, in order; empty when one word
   *     stands for too many
   */
  record Expansion(Map<String, List<String>> variants, Optional<List<List<String>>> postings) {}

  /**
   * A page of the matches of {@code kind} after the cursor {@code (tier, id)}: everybody's, or the
   * owner's alone when there is one; those on secret boards as {@code secret} says.
   */
  List<Match> ranked(
      Sql sql,
      Kind kind,
      Terms terms,
      OptionalLong owner,
      int tier,
      long id,
      int limit,
      boolean secret) {
    List<Object> args =
        new ArrayList<>(
            List.of(terms.any(), terms.early(), terms.title(), tier, id, limit, secret));
    owner.ifPresent(
        account -> {
          args.add(Ids.shardOf(account));
          args.add(account);
        });
    return sql.list(
        owner.isEmpty() ? kind.everybodys : kind.owners, SearchRepository::match, args.toArray());
  }

  /**
   * The owner's pins among {@code ids}, newest first, after {@code before}; those on secret boards
   * as {@code secret} says.
   */
  List<Long> ownPinsById(
      Sql sql, long owner, List<Long> ids, long before, int limit, boolean secret) {
    return sql.list(
        """
        SELECT s.pin_id FROM pin_search s
        %s
        %s
        WHERE s.shard IN (%s) AND s.pin_id = ANY($2::bigint[]) AND p.owner_id = $3 AND %s
          AND s.pin_id < $5
        ORDER BY s.pin_id DESC
        LIMIT $6"""
            .formatted(
                PinSql.joinPin("s"),
                BoardSql.joinBoard("p"),
                BoardSql.shardsOfOwner("$1", "$3"),
                AccessSql.BOARD_SHOWN.formatted(4)),
        row -> row.getLong(0),
        Ids.shardOf(owner),
        ids.toArray(Long[]::new),
        owner,
        secret,
        before,
        limit);
  }

  /**
   * Writes the document of one pin, after its writes committed; nothing if it is gone. Answers the
   * words of the document it replaced and of the one it wrote.
   */
  List<List<String>> upsertPin(Sql sql, long pinId) {
    lock(sql, pinId);
    return sql.list(
        SearchSql.upsertPins("p.shard = $1 AND p.id = $2"),
        SearchRepository::words,
        Ids.shardOf(pinId),
        pinId);
  }

  /**
   * Writes the documents of several pins, taking their locks as {@link #lock} does, in id order;
   * answers the words of the documents replaced and written.
   */
  List<List<String>> upsertPins(Sql sql, List<Long> pinIds) {
    Long[] ids = pinIds.stream().sorted().distinct().toArray(Long[]::new);
    sql.query(
        """
        SELECT pg_advisory_xact_lock(hashtextextended('search:' || w::text, 0))
        FROM unnest($1::bigint[]) w ORDER BY w""",
        (Object) ids);
    return sql.list(
        SearchSql.upsertPins(
            "(p.shard, p.id) IN (SELECT %s, w FROM unnest($1::bigint[]) w)"
                .formatted(Ids.shardSql("w"))),
        SearchRepository::words,
        (Object) ids);
  }

  /** The words of a document, as the upserts answer them. */
  private static List<String> words(io.vertx.sqlclient.Row row) {
    return List.of(row.getArrayOfStrings(0));
  }

  /**
   * Writes the document of one board and of every pin on it (they hold the board's name); answers
   * the words of the pins' documents replaced and written.
   */
  List<List<String>> upsertBoard(Sql sql, long boardId) {
    lock(sql, boardId);
    sql.update(SearchSql.upsertBoards("b.shard = $1 AND b.id = $2"), Ids.shardOf(boardId), boardId);
    return sql.list(
        SearchSql.upsertPins("p.shard = $1 AND p.board_id = $2"),
        SearchRepository::words,
        Ids.shardOf(boardId),
        boardId);
  }

  /**
   * Takes the transaction's lock of one object's document, alone. Two writes of a document read the
   * object once they hold it, so the later write reads the later text: without it, a write that
   * read older text could wait on the other's row and then replace the newer document.
   */
  private static void lock(Sql sql, long id) {
    sql.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('search:' || $1::bigint::text, 0))", id);
  }

  private static Match match(io.vertx.sqlclient.Row row) {
    return new Match(row.getLong("id"), row.getInteger("tier"));
  }

  /**
   * A query as the three {@code to_tsquery} texts its tiers need.
   *
   * @param any every word in any field
   * @param early every word in the title and description (a board's name and description)
   * @param title every word in the title (a board's name)
   */
  record Terms(String any, String early, String title) {

    static Terms of(SearchQuery query, Map<String, List<String>> variants) {
      return new Terms(
          query.tsquery(variants, ""), query.tsquery(variants, "AB"), query.tsquery(variants, "A"));
    }
  }
}
