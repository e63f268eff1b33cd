package dev.corkboard.search;

import dev.corkboard.board.BoardSql;
import dev.corkboard.pin.PinSql;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Finds a page of everybody's pins matching a query by walking the postings of its words ({@code
 * pin_terms}) newest first, tier by tier, and stopping once the page is full: the same matches in
 * the same order as the ranked statement over the GIN index, without fetching every match.
 *
 * <p>Each query word stands for the words of the postings it starts or is one typo from (its
 * terms). A round reads, for every term, the next {@code n} postings below the walk's position
 * whose fields the tier asks for, in one statement. Below the highest last id of the terms that
 * filled their {@code n}, some term has not been read yet; at and above it every term is complete,
 * so the pins there that every word holds are exact matches. They are kept if their own tier is the
 * one walked (the fields of all their words say it), checked for visibility, and the walk goes on
 * below that id with twice the {@code n}, until the page is full or every term is read. When each
 * word is one term, the walk is one statement instead ({@link #joined}).
 */
final class PostingWalk {

  /** The postings each term reads in a walk's first round. */
  static final int FIRST_ROUND = 256;

  /** The most postings each term reads in one round. */
  static final int LAST_ROUND = 8_192;

  /** The fields each tier needs every word in: {@code MASKS[tier]}. */
  private static final int[] MASKS = {0, 7, 6, 4};

  /**
   * The next {@code $3} postings below {@code $2} of each term of {@code $1} in the fields a
   * condition on {@code t.fields} names.
   */
  private static final String POSTINGS =
      """
      SELECT q.k, x.pin_id, x.fields
      FROM unnest($1::text[]) WITH ORDINALITY AS q(term, k)
      CROSS JOIN LATERAL (
        SELECT t.pin_id, t.fields FROM pin_terms t
        WHERE t.term = q.term AND t.pin_id < $2 AND %s
        ORDER BY t.pin_id DESC
        LIMIT $3) x""";

  /** {@link #POSTINGS} in the fields of {@code $4}. */
  private static final String POSTINGS_IN = POSTINGS.formatted("(t.fields::int & $4) <> 0");

  /** {@link #POSTINGS} in titles, on the title index. */
  private static final String POSTINGS_IN_TITLES =
      POSTINGS.formatted(SearchSql.inTitle("t.fields"));

  /** Which of the pins {@code $1} the caller may find; {@code $2} whether secret boards count. */
  private static final String SHOWN = "SELECT w.id " + shownOf("$1::bigint[]");

  /** The statements of {@link #joined(int, boolean)}, for one word to the most a query holds. */
  private static final List<String> JOINED =
      IntStream.rangeClosed(1, SearchQuery.MAX_WORDS).mapToObj(w -> joined(w, false)).toList();

  /** The same statements for the title tier, on the title index. */
  private static final List<String> JOINED_TITLES =
      IntStream.rangeClosed(1, SearchQuery.MAX_WORDS).mapToObj(w -> joined(w, true)).toList();

  private final String[] terms;
  private final int[] wordOf;
  private final int words;
  private final boolean matchable;

  /**
   * A walk over the terms of each query word, {@code terms.get(i)} those of word {@code i}; a word
   * without any matches nothing.
   */
  PostingWalk(List<List<String>> terms) {
    this.words = terms.size();
    this.matchable = terms.stream().noneMatch(List::isEmpty);
    List<String> flat = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int w = 0; w < terms.size(); w++) {
      for (String term : terms.get(w)) {
        flat.add(term);
        owners.add(w);
      }
    }
    this.terms = flat.toArray(String[]::new);
    this.wordOf = owners.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The first {@code limit} matches after the cursor {@code (tier, id)}, ranked as {@link
   * SearchRepository#ranked}: tiers from high to low, newer pins first within a tier, those on
   * secret boards as {@code secret} says.
   */
  List<SearchRepository.Match> page(Sql sql, int tier, long id, int limit, boolean secret) {
    List<SearchRepository.Match> page = new ArrayList<>(limit);
    for (int t = Math.min(tier, 3); matchable && t >= 1 && page.size() < limit; t--) {
      long below = t == tier ? id : Long.MAX_VALUE;
      if (terms.length == words) {
        joined(sql, t, below, limit, secret, page);
        continue;
      }
      int n = FIRST_ROUND;
      while (page.size() < limit) {
        Round round = read(sql, below, MASKS[t], n);
        long[] matches = round.matches(t);
        keepShown(sql, matches, t, limit, secret, page);
        long next = round.next();
        if (next == Long.MIN_VALUE) {
          break;
        }
        below = next;
        n = Math.min(n * 2, LAST_ROUND);
      }
    }
    return page;
  }

  /**
   * Appends to {@code page} the matches of tier {@code tier} below {@code below} when each word is
   * one term, in one statement: the terms' ranges of the primary key (of the title index, for the
   * title tier) are merge-joined newest first, each pin found is checked against its board, and the
   * join stops at the page's end or at the end of the rarest word's range.
   */
  private void joined(
      Sql sql, int tier, long below, int limit, boolean secret, List<SearchRepository.Match> page) {
    List<Object> args = new ArrayList<>(List.of(below, secret, limit - page.size()));
    if (tier < 3) {
      args.add(MASKS[tier]);
      args.add(MASKS[tier + 1]);
    }
    args.addAll(Arrays.asList(terms));
    String statement = tier == 3 ? JOINED_TITLES.get(words - 1) : JOINED.get(words - 1);
    for (Row row : sql.query(statement, args.toArray())) {
      page.add(new SearchRepository.Match(row.getLong(0), tier));
    }
  }

  /**
   * The statement of {@link #joined} for {@code words} words: $1 the id to read below, $2 whether
   * secret boards count, $3 the limit; then, but for the title tier ({@code titles}), $4 the fields
   * every word must be in and $5 those not all words may be in (the tier above's); then the words'
   * terms. The title tier's condition is the title index's own, written out so that the planner
   * walks that index.
   */
  private static String joined(int words, boolean titles) {
    int first = titles ? 4 : 6;
    String field = titles ? SearchSql.inTitle("t%d.fields") : "(t%d.fields::int & $4) <> 0";
    StringBuilder from = new StringBuilder("pin_terms t1");
    StringBuilder where = new StringBuilder("t1.term = $%d AND t1.pin_id < $1".formatted(first));
    StringBuilder in = new StringBuilder(field.formatted(1));
    StringBuilder above = new StringBuilder("(t1.fields::int & $5) <> 0");
    for (int w = 2; w <= words; w++) {
      from.append("\n  JOIN pin_terms t%1$d ON t%1$d.pin_id = t1.pin_id".formatted(w));
      where.append(" AND t%1$d.term = $%2$d".formatted(w, first + w - 1));
      in.append(" AND ").append(field.formatted(w));
      above.append(" AND (t%d.fields::int & $5) <> 0".formatted(w));
    }
    // The pin and its board are read in a subquery the planner may not merge into the join (OFFSET
    // 0): joined directly, its estimate of the rows the shard expression finds is so low that it
    // expects the whole result to be under the limit and hashes whole ranges (40 ms instead of 1).
    return """
        SELECT t1.pin_id FROM %1$s
          CROSS JOIN LATERAL (SELECT %2$s OFFSET 0) shown
        WHERE %3$s
          AND %4$s
        ORDER BY t1.pin_id DESC
        LIMIT $3"""
        .formatted(
            from,
            shownOf("ARRAY[t1.pin_id]"),
            where,
            titles ? in : in + "\n  AND NOT (" + above + ")");
  }

  /**
   * The rows {@code w} of the pins of the array {@code ids} that the caller may find, with their
   * pins {@code p} and boards {@code b}; {@code $2} whether secret boards count.
   */
  private static String shownOf(String ids) {
    return "FROM unnest(%s) AS w(id) %s %s WHERE %s"
        .formatted(
            ids,
            PinSql.joinPin(Ids.shardSql("w.id"), "w.id"),
            BoardSql.joinBoard("p"),
            AccessSql.BOARD_SHOWN.formatted(2));
  }

  /** Appends to {@code page}, in order, those of {@code matches} the caller may find. */
  private static void keepShown(
      Sql sql,
      long[] matches,
      int tier,
      int limit,
      boolean secret,
      List<SearchRepository.Match> page) {
    int from = 0;
    while (from < matches.length && page.size() < limit) {
      // A few more than the page lacks, as a pin or two may be hidden.
      int to = Math.min(matches.length, from + limit - page.size() + 4);
      Long[] ids = new Long[to - from];
      for (int i = from; i < to; i++) {
        ids[i - from] = matches[i];
      }
      Set<Long> shown = new HashSet<>(sql.list(SHOWN, row -> row.getLong(0), ids, secret));
      for (int i = from; i < to && page.size() < limit; i++) {
        if (shown.contains(matches[i])) {
          page.add(new SearchRepository.Match(matches[i], tier));
        }
      }
      from = to;
    }
  }

  /** Reads the next {@code n} postings below {@code below} in fields {@code mask} of every term. */
  private Round read(Sql sql, long below, int mask, int n) {
    long[][] ids = new long[terms.length][];
    int[][] fields = new int[terms.length][];
    int[] counts = new int[terms.length];
    for (int k = 0; k < terms.length; k++) {
      ids[k] = new long[16];
      fields[k] = new int[16];
    }
    RowSet<Row> rows =
        mask == MASKS[3]
            ? sql.query(POSTINGS_IN_TITLES, terms, below, n)
            : sql.query(POSTINGS_IN, terms, below, n, mask);
    for (Row row : rows) {
      int k = (int) row.getLong(0).longValue() - 1;
      if (counts[k] == ids[k].length) {
        ids[k] = Arrays.copyOf(ids[k], counts[k] * 2);
        fields[k] = Arrays.copyOf(fields[k], counts[k] * 2);
      }
      ids[k][counts[k]] = row.getLong(1);
      fields[k][counts[k]] = row.getShort(2);
      counts[k]++;
    }
    for (int k = 0; k < terms.length; k++) {
      newestFirst(ids[k], fields[k], counts[k]);
    }
    // Every term is complete at and above the highest last id of those that filled their n.
    long frontier = Long.MIN_VALUE;
    for (int k = 0; k < terms.length; k++) {
      if (counts[k] == n) {
        frontier = Math.max(frontier, ids[k][n - 1]);
      }
    }
    return new Round(ids, fields, counts, n, frontier);
  }

  /**
   * Puts one term's postings newest first. The statement reads them so, term after term, but does
   * not promise it; this costs one pass when they are in order.
   */
  private static void newestFirst(long[] ids, int[] fields, int count) {
    for (int i = 1; i < count; i++) {
      if (ids[i] >= ids[i - 1]) {
        Integer[] order = new Integer[count];
        for (int j = 0; j < count; j++) {
          order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids[b], ids[a]));
        long[] sortedIds = new long[count];
        int[] sortedFields = new int[count];
        for (int j = 0; j < count; j++) {
          sortedIds[j] = ids[order[j]];
          sortedFields[j] = fields[order[j]];
        }
        System.arraycopy(sortedIds, 0, ids, 0, count);
        System.arraycopy(sortedFields, 0, fields, 0, count);
        return;
      }
    }
  }

  /**
   * The postings of one round, each term's newest first (at most {@code n}), and the id at and
   * above which they are complete ({@code Long.MIN_VALUE} when every term was read to its end).
   */
  private final class Round {
    private final long[][] ids;
    private final int[][] fields;
    private final int[] counts;
    private final int n;
    private final long frontier;

    Round(long[][] ids, int[][] fields, int[] counts, int n, long frontier) {
      this.ids = ids;
      this.fields = fields;
      this.counts = counts;
      this.n = n;
      this.frontier = frontier;
    }

    /**
     * Where the next round reads below, or {@code Long.MIN_VALUE} when no match is left. A word
     * whose terms were all read to their end holds no pin but those read, so the walk skips to just
     * above the newest of them below the frontier: a rare word next to a common one takes two
     * rounds, not one per range of the common word.
     */
    long next() {
      if (frontier == Long.MIN_VALUE) {
        return Long.MIN_VALUE;
      }
      long next = frontier;
      for (int w = 0; w < words; w++) {
        boolean complete = true;
        long newest = Long.MIN_VALUE;
        for (int k = 0; k < terms.length; k++) {
          if (wordOf[k] != w) {
            continue;
          }
          complete &= counts[k] < n;
          for (int i = 0; i < counts[k]; i++) {
            if (ids[k][i] < frontier) {
              newest = Math.max(newest, ids[k][i]);
              break;
            }
          }
        }
        if (complete) {
          if (newest == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
          }
          next = Math.min(next, newest + 1);
        }
      }
      return next;
    }

    /**
     * The pins at or above the frontier that every word holds and whose tier is {@code tier},
     * newest first.
     */
    long[] matches(int tier) {
      // Each word's pins, newest first, with the fields of all its terms together.
      long[][] wordIds = new long[words][];
      int[][] wordFields = new int[words][];
      int[] wordCounts = new int[words];
      for (int w = 0; w < words; w++) {
        merge(w, wordIds, wordFields, wordCounts);
      }
      long[] found = new long[Arrays.stream(wordCounts).min().orElse(0)];
      int count = 0;
      int[] at = new int[words];
      // Lockstep over the words' lists: the candidate is the lowest head seen; a list whose head is
      // above it moves on, one below it lowers it.
      while (true) {
        long candidate = Long.MAX_VALUE;
        boolean ended = false;
        for (int w = 0; w < words; w++) {
          if (at[w] == wordCounts[w]) {
            ended = true;
            break;
          }
          candidate = Math.min(candidate, wordIds[w][at[w]]);
        }
        if (ended) {
          break;
        }
        boolean all = true;
        int title = 4;
        int early = 6;
        for (int w = 0; w < words; w++) {
          while (at[w] < wordCounts[w] && wordIds[w][at[w]] > candidate) {
            at[w]++;
          }
          if (at[w] == wordCounts[w] || wordIds[w][at[w]] != candidate) {
            all = false;
          } else {
            title &= wordFields[w][at[w]];
            early = (wordFields[w][at[w]] & 6) == 0 ? 0 : early;
          }
        }
        if (!all) {
          continue;
        }
        int own = title != 0 ? 3 : early != 0 ? 2 : 1;
        if (own == tier) {
          found[count++] = candidate;
        }
        for (int w = 0; w < words; w++) {
          at[w]++;
        }
      }
      return Arrays.copyOf(found, count);
    }

    /**
     * The pins of word {@code w}'s terms at or above the frontier, newest first and each once, with
     * the fields of all its terms that hold it: a merge of the terms' lists.
     */
    private void merge(int w, long[][] wordIds, int[][] wordFields, int[] wordCounts) {
      List<Integer> own = new ArrayList<>();
      int total = 0;
      for (int k = 0; k < terms.length; k++) {
        if (wordOf[k] == w) {
          own.add(k);
          total += counts[k];
        }
      }
      long[] mergedIds = new long[total];
      int[] mergedFields = new int[total];
      int[] at = new int[terms.length];
      int count = 0;
      while (true) {
        long best = Long.MIN_VALUE;
        for (int k : own) {
          if (at[k] < counts[k]) {
            best = Math.max(best, ids[k][at[k]]);
          }
        }
        if (best == Long.MIN_VALUE || best < frontier) {
          break;
        }
        int bits = 0;
        for (int k : own) {
          if (at[k] < counts[k] && ids[k][at[k]] == best) {
            bits |= fields[k][at[k]];
            at[k]++;
          }
        }
        mergedIds[count] = best;
        mergedFields[count] = bits;
        count++;
      }
      wordIds[w] = mergedIds;
      wordFields[w] = mergedFields;
      wordCounts[w] = count;
    }
  }
}
