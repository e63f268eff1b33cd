package dev.corkboard.search;

import dev.corkboard.board.BoardSql;
import dev.corkboard.pin.PinSql;
import java.util.List;

/**
 * How search documents are made, as SQL: the documents of pins and boards from their text, the
 * upserts that keep them, and the statements that build every document at once after a bulk load
 * (the seed), with the GIN indexes built after the rows are in, not row by row.
 */
public final class SearchSql {

  private SearchSql() {}

  /** A pin's document, of a row {@code t} of {@link PinSql#searchText}. */
  private static final String PIN_DOCUMENT =
      """
      setweight(to_tsvector('simple', coalesce(t.title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(t.description, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(t.board_name, '') || ' '
                                           || coalesce(t.alt_text, '')), 'C')""";

  /** A board's document, of a row {@code t} of {@link BoardSql#searchText}. */
  private static final String BOARD_DOCUMENT =
      """
      setweight(to_tsvector('simple', t.name), 'A')
        || setweight(to_tsvector('simple', coalesce(t.description, '')), 'B')""";

  /**
   * Writes the documents of the pins the condition {@code where} picks (of pins aliased {@code p},
   * their boards {@code b}), and adds their new words to the dictionary of typos, in one statement
   * that answers the words of each document it replaced and of each it wrote, one {@code text[]} a
   * row: what public search's first pages on every server must be checked against ({@code
   * SearchPages}).
   */
  static String upsertPins(String where) {
    return """
        %1$s,
        replaced AS (
          SELECT s.document FROM pin_search s JOIN d ON s.shard = d.shard AND s.pin_id = d.id),
        written AS (
          %2$s
          RETURNING document)
        SELECT tsvector_to_array(document) FROM replaced
        UNION ALL
        SELECT tsvector_to_array(document) FROM written"""
        .formatted(
            documents(PinSql.searchText(where), PIN_DOCUMENT), write("pin_search", "pin_id"));
  }

  /**
   * Writes the documents of the boards the condition {@code where} picks, and adds their new words
   * to the dictionary of typos, in one statement.
   */
  static String upsertBoards(String where) {
    return documents(BoardSql.searchText(where), BOARD_DOCUMENT)
        + "\n"
        + write("board_search", "board_id");
  }

  /**
   * The documents {@code document} makes of the rows {@code text} answers ({@code d}), and their
   * new words written into the dictionary ({@code w}): the head of an upsert. Words go in in order,
   * so two such statements never wait on each other in a cycle.
   */
  private static String documents(String text, String document) {
    return """
        WITH t AS (%1$s),
        d AS (SELECT t.shard, t.id, %2$s AS document FROM t),
        w AS (
          INSERT INTO search_words (word)
          SELECT DISTINCT l.lexeme FROM d, unnest(d.document) l
          WHERE length(l.lexeme) >= 4 ORDER BY 1
          ON CONFLICT DO NOTHING)"""
        .formatted(text, document);
  }

  /** Writes the documents {@code d} into {@code table}, keyed by shard and {@code id}. */
  private static String write(String table, String id) {
    return """
        INSERT INTO %1$s (shard, %2$s, document)
        SELECT d.shard, d.id, d.document FROM d
        ON CONFLICT (shard, %2$s) DO UPDATE SET document = excluded.document"""
        .formatted(table, id);
  }

  /**
   * The condition of the title index of the postings on the fields column {@code fields}: a
   * statement must name it exactly so for the planner to walk that index.
   */
  static String inTitle(String fields) {
    return "(" + fields + " & 4) <> 0";
  }

  /**
   * The statements that make every document after a bulk load of pins and boards: the GIN indexes
   * and the postings' key are dropped, the documents written in one statement per table (the pins'
   * without the trigger that writes their postings row by row), the postings and the dictionary
   * gathered once each, and the indexes built once over all of them (as the migrations define them)
   * with more memory, which is many times faster than keeping them row by row.
   */
  public static List<String> rebuild() {
    return List.of(
        "DROP INDEX IF EXISTS pin_search_document",
        "DROP INDEX IF EXISTS board_search_document",
        "DROP INDEX IF EXISTS search_words_trigrams",
        "ALTER TABLE pin_terms DROP CONSTRAINT IF EXISTS pin_terms_pkey",
        "DROP INDEX IF EXISTS pin_terms_titles",
        "SET maintenance_work_mem = '256MB'",
        insertAll(BoardSql.searchText("TRUE"), BOARD_DOCUMENT, "board_search", "board_id"),
        "ALTER TABLE pin_search DISABLE TRIGGER pin_search_terms",
        insertAll(PinSql.searchText("TRUE"), PIN_DOCUMENT, "pin_search", "pin_id"),
        "ALTER TABLE pin_search ENABLE TRIGGER pin_search_terms",
        """
        INSERT INTO pin_terms (term, pin_id, fields)
        SELECT u.lexeme, s.pin_id, pin_term_fields(u.weights)
        FROM pin_search s, unnest(s.document) u""",
        """
        INSERT INTO search_words (word)
        SELECT word FROM ts_stat(
          'SELECT document FROM pin_search UNION ALL SELECT document FROM board_search')
        WHERE length(word) >= 4
        ON CONFLICT DO NOTHING""",
        "CREATE INDEX pin_search_document ON pin_search USING gin (document)",
        "CREATE INDEX board_search_document ON board_search USING gin (document)",
        "CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops)",
        "ALTER TABLE pin_terms ADD CONSTRAINT pin_terms_pkey PRIMARY KEY (term, pin_id)"
            + " INCLUDE (fields)",
        "CREATE INDEX pin_terms_titles ON pin_terms (term, pin_id) WHERE " + inTitle("fields"),
        "RESET maintenance_work_mem");
  }

  /** Writes the documents of every row {@code text} answers into an empty {@code table}. */
  private static String insertAll(String text, String document, String table, String id) {
    return """
        INSERT INTO %3$s (shard, %4$s, document)
        SELECT t.shard, t.id, %2$s FROM (%1$s) t"""
        .formatted(text, document, table, id);
  }
}
