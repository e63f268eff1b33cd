package dev.corkboard.platform.db;

import dev.corkboard.platform.id.Ids;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A list in manual order kept in one column of a table: the SQL that reads and writes its sort
 * keys, and the move of one item, which writes one row, or re-spaces a small window of its
 * neighbours when there is no key left between them.
 *
 * <p>Keys are whole numbers (numeric) and a list is ordered by (key, id). An item never placed has
 * a NULL key column and takes the key its id gives ({@code -id * GAP} or {@code id * GAP}); the
 * migration indexes the very expression {@link #key} spells, so a page is one range scan. The
 * owning feature names its table and columns when it builds one (the table's rows must have {@code
 * shard}, {@code id} and {@code positioned_version} columns).
 *
 * <p>Every write of a key stamps the row with the id of the transaction that wrote it ({@code
 * positioned_version}, from {@code pg_current_xact_id()}). A walk of the list remembers the
 * snapshot its first page was read in ({@link #walkSnapshot}) and its later pages leave out rows
 * whose stamp that snapshot does not see ({@link #shown}): a row moved while the walk goes on is
 * never shown twice, and every other row is shown exactly once, without any counter that moves of
 * one list would have to take turns on.
 *
 * <p>Moves of one list may run side by side: two that read the same neighbours put their items in
 * the same gap, at keys drawn near its middle (rarely the same key, which the id then orders), and
 * no item is ever lost or doubled, since each is one row. A move that finds no key left between its
 * neighbours answers {@link #NO_ROOM} unless its caller holds the lock that makes it the list's
 * only mover (its board's order lock or its account's row, taken exclusively), so that the window
 * it re-spaces stays as read until it commits.
 */
public final class ManualOrder {

  /** The gap between two keys that ids give, and between a new end and the old one. */
  public static final BigInteger GAP = BigInteger.ONE.shiftLeft(20);

  /** Neighbours on each side a re-spacing rewrites at first; it widens while too dense. */
  static final int WINDOW = 8;

  /**
   * The smallest gap a re-spacing leaves between two keys, as wide as the gap between the keys of
   * two ids in a row: room for sixteen more moves into one gap at least (each leaves at least 7/16
   * of it on either side), so that a re-spaced window is not soon re-spaced again. A narrower step
   * would leave windows a few moves from their next re-spacing, and each re-spacing holds up every
   * move of the list while it runs.
   */
  static final BigInteger MIN_STEP = GAP;

  /** What {@link #move} answers when it would have to re-space and may not. */
  public static final int NO_ROOM = -1;

  /** The stamp a write of a key leaves: the writing transaction's id, as a bigint. */
  public static final String STAMP = "pg_current_xact_id()::text::bigint";

  /**
   * The statement that reads the snapshot a walk's first page is read in, as text ({@code
   * xmin:xmax:xip,...}): what its later pages pass to {@link #shown}.
   */
  private static final String WALK_SNAPSHOT = "SELECT pg_current_snapshot()::text";

  /**
   * Whether the row aliased {@code alias} (empty for none) is shown on a page of a walk whose first
   * page saw the snapshot in parameter {@code $param} (text, NULL on the first page, which shows
   * every row): a row never placed, or placed by a transaction that snapshot saw committed.
   */
  public static String shown(String alias, int param) {
    String column = (alias.isEmpty() ? "" : alias + ".") + "positioned_version";
    return "(%s IS NULL OR $%d::text IS NULL OR pg_visible_in_snapshot(%s::text::xid8, $%d::text::pg_snapshot))"
        .formatted(column, param, column, param);
  }

  /** The snapshot a walk's first page is read in, for its bookmarks ({@link #shown}). */
  public static String walkSnapshot(Sql sql) {
    return sql.one(WALK_SNAPSHOT, row -> row.getString(0)).orElseThrow();
  }

  private final String column;
  private final boolean newestFirst;
  private final String after;
  private final String upTo;
  private final String placeAll;
  private final String withNextAfter;
  private final String withFirst;

  /**
   * The manual order of the rows of {@code table} with the same {@code group} column (such as a
   * board's pins: {@code board_id}), sorted by {@code column}; a row never placed takes its id's
   * key, {@code -id * GAP} when {@code newestFirst} (newer ids sort first), else {@code id * GAP}.
   */
  public ManualOrder(String table, String group, String column, boolean newestFirst) {
    this(table, group, column, newestFirst, null);
  }

  /**
   * A manual order as {@link #ManualOrder(String, String, String, boolean)} makes, of a group whose
   * rows may live on several shards (an owner's boards, some of them handed to it by another
   * account): {@code shardsOfGroup} is a query of the shards that hold the group's rows (as rows of
   * {@code shard}) given the group's shard {@code $1} and the group {@code $2}, and each row is
   * read and written on the shard its id names. A read of neighbours then sorts the whole group,
   * which suits a group of some thousands at most.
   */
  public ManualOrder(
      String table,
      String group,
      String column,
      boolean newestFirst,
      @Nullable String shardsOfGroup) {
    this.column = column;
    this.newestFirst = newestFirst;
    String key = key("");
    String rowsShard = shardsOfGroup == null ? "shard = $1" : "shard IN (" + shardsOfGroup + ")";
    String where = " FROM " + table + " WHERE " + rowsShard + " AND " + group + " = $2";
    String select = "SELECT id, (" + key + ")::text AS sort_key" + where;
    this.after =
        select
            + " AND id <> $3 AND ("
            + key
            + ", id) >= ($4::text::numeric, $5) ORDER BY "
            + key
            + ", id LIMIT $6";
    this.upTo =
        select
            + " AND id <> $3 AND ("
            + key
            + ", id) <= ($4::text::numeric, $5) ORDER BY "
            + key
            + " DESC, id DESC LIMIT $6";
    // The items named ($3, and $4 if given) and the first other item after $4, or after the start;
    // and, in the same statement, the write of the moved item's key where one is free: near the
    // middle of the gap between $4 and the item after it, a gap past $4 at the end, a gap before
    // the first item when it goes first. The key inside a gap is drawn at random from the gap's
    // middle eighth (div truncates: with two or more between the neighbours, halfway lies strictly
    // inside, and so does every key within a sixteenth of the gap of it), so that two moves into
    // one gap at once, reading the same neighbours, almost never write the same key: equal keys
    // leave no room after the first of them, and the next move there would have to re-space.
    // "placed" says whether it was written; when it was not, the rows read say why (an item is
    // missing, or there is no room and the caller re-spaces).
    String update =
        "UPDATE "
            + table
            + " SET "
            + column
            + " = c.k, positioned_version = "
            + STAMP
            + " FROM c"
            + " WHERE shard = "
            + (shardsOfGroup == null ? "$1" : Ids.shardSql("$3::bigint"))
            + " AND "
            + group
            + " = $2 AND id = $3 AND c.k IS NOT NULL RETURNING id";
    this.withNextAfter =
        """
        WITH f AS (SELECT id, %1$s AS k FROM (%5$s) n WHERE %6$s = $2),
        r AS (SELECT id, k, true AS named FROM f
              UNION ALL
              (SELECT id, %1$s, false %2$s
               AND id <> $3 AND (%1$s, id) > ((SELECT k FROM f WHERE id = $4), $4)
               ORDER BY %1$s, id LIMIT 1)),
        b AS (SELECT (SELECT k FROM f WHERE id = $4) AS lo,
                     (SELECT k FROM r WHERE NOT named) AS hi),
        c AS (SELECT CASE
                WHEN (SELECT count(*) FROM f) < 2 THEN NULL
                WHEN hi IS NULL THEN lo + %3$s
                WHEN hi - lo >= 2
                  THEN div(hi + lo, 2) - div(hi - lo, 16)
                       + floor(random()::numeric * (2 * div(hi - lo, 16) + 1))
              END AS k FROM b),
        u AS (%4$s)
        SELECT id, k::text AS sort_key, named, EXISTS (SELECT FROM u) AS placed FROM r
        """
            .formatted(
                key,
                where,
                GAP,
                update,
                byIds(table, "ARRAY[$3, $4]::bigint[]", shardsOfGroup != null),
                group);
    this.withFirst =
        """
        WITH r AS (SELECT id, %1$s AS k, true AS named FROM (%5$s) n WHERE %6$s = $2
                   UNION ALL
                   (SELECT id, %1$s, false %2$s AND id <> $3 ORDER BY %1$s, id LIMIT 1)),
        c AS (SELECT coalesce((SELECT k FROM r WHERE NOT named) - %3$s,
                              (SELECT k FROM r WHERE named)) AS k),
        u AS (%4$s)
        SELECT id, k::text AS sort_key, named, EXISTS (SELECT FROM u) AS placed FROM r
        """
            .formatted(
                key,
                where,
                GAP,
                update,
                byIds(table, "ARRAY[$3]::bigint[]", shardsOfGroup != null),
                group);
    this.placeAll =
        "UPDATE "
            + table
            + " t SET "
            + column
            + " = k.key::numeric, positioned_version = "
            + STAMP
            + " FROM unnest($3::bigint[], $4::text[]) AS k(id, key)"
            + " WHERE t.shard = "
            + (shardsOfGroup == null ? "$1" : Ids.shardSql("k.id"))
            + " AND t."
            + group
            + " = $2 AND t.id = k.id";
  }

  /**
   * The rows of {@code table} on shard $1 (each on the shard its id names, when {@code spread})
   * with the ids of the array {@code ids}, read by primary key alone: OFFSET 0 keeps the planner
   * from merging the group's condition into this scan, which in a prepared statement's generic plan
   * made it read the whole group from the order's index (every pin of a 20,000-pin board) to find
   * two.
   */
  private static String byIds(String table, String ids, boolean spread) {
    return spread
        ? "SELECT t.* FROM unnest(%s) AS i(id) JOIN %s t ON t.shard = %s AND t.id = i.id OFFSET 0"
            .formatted(ids, table, Ids.shardSql("i.id"))
        : "SELECT * FROM " + table + " WHERE shard = $1 AND id = ANY(" + ids + ") OFFSET 0";
  }

  /**
   * The sort key of the rows aliased {@code alias} (empty for none), spelt exactly as the
   * migration's index spells it, so that the planner reads a list in this order from that index.
   */
  public String key(String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return "coalesce("
        + prefix
        + column
        + ", "
        + (newestFirst ? "-" : "")
        + prefix
        + "id::numeric * 1048576)";
  }

  /**
   * A row of a list read with its sort key, as the bookmark of a page in manual order needs it.
   *
   * @param item the row
   * @param sortKey its sort key, in decimal
   */
  public record Ranked<T>(T item, String sortKey) {}

  /**
   * An item of a list with its sort key.
   *
   * @param id the item's id
   * @param key its sort key
   */
  public record Keyed(long id, BigInteger key) {}

  /**
   * Moves the item {@code item} to just after the item {@code after}, or first when that is empty,
   * both read from the group; fails with {@code unknownItem} or {@code unknownAfter} when either is
   * not in it. Answers how many rows it wrote, or {@link #NO_ROOM}, having written nothing, when
   * there is no key left between the new neighbours and {@code mayRespace} is false (the caller is
   * not the list's only mover).
   */
  public int move(
      Sql sql,
      short shard,
      long group,
      long item,
      OptionalLong after,
      boolean mayRespace,
      Supplier<? extends RuntimeException> unknownItem,
      Supplier<? extends RuntimeException> unknownAfter) {
    // One statement reads both items and the one now after the target place, and writes the key
    // where there is room: a move is one statement unless it must re-space.
    List<Named> rows =
        after.isPresent()
            ? sql.list(withNextAfter, ManualOrder::named, shard, group, item, after.getAsLong())
            : sql.list(withFirst, ManualOrder::named, shard, group, item);
    if (rows.stream().anyMatch(Named::placed)) {
      return 1;
    }
    // Not written: an item named is missing, or there is no key between the new neighbours (the
    // statement finds room in every other case, the first place and the end included).
    Keyed moved =
        rows.stream()
            .filter(r -> r.named() && r.item().id() == item)
            .map(Named::item)
            .findFirst()
            .orElseThrow(unknownItem);
    if (after.isEmpty()) {
      throw new IllegalStateException("a move to the first place found no room");
    }
    Keyed behind =
        rows.stream()
            .filter(r -> r.named() && r.item().id() == after.getAsLong())
            .map(Named::item)
            .findFirst()
            .orElseThrow(unknownAfter);
    Keyed next =
        rows.stream()
            .filter(r -> !r.named())
            .map(Named::item)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("a move to the end found no room"));
    return mayRespace ? respace(sql, shard, group, moved.id(), behind, next) : NO_ROOM;
  }

  /**
   * Puts {@code moved} between {@code before} and {@code next}, which have no key between them, by
   * giving evenly spaced keys to a window around them: up to {@link #WINDOW} items on each side
   * (more while that leaves less than {@link #MIN_STEP} between keys), inside the keys of the
   * nearest items outside it, which keep theirs. At an end of the list the window is open and takes
   * room past that end. Order inside and outside the window stays as it was.
   */
  private int respace(Sql sql, short shard, long group, long moved, Keyed before, Keyed next) {
    for (int window = WINDOW; ; window *= 4) {
      List<Keyed> left =
          sql.list(
              upTo,
              ManualOrder::keyed,
              shard,
              group,
              moved,
              before.key().toString(),
              before.id(),
              window + 1);
      List<Keyed> right =
          sql.list(
              after,
              ManualOrder::keyed,
              shard,
              group,
              moved,
              next.key().toString(),
              next.id(),
              window + 1);
      @Nullable Keyed low = left.size() > window ? left.getLast() : null;
      @Nullable Keyed high = right.size() > window ? right.getLast() : null;
      List<Keyed> rows = new ArrayList<>();
      for (int i = Math.min(left.size(), window) - 1; i >= 0; i--) {
        rows.add(left.get(i));
      }
      rows.add(new Keyed(moved, BigInteger.ZERO));
      rows.addAll(right.subList(0, Math.min(right.size(), window)));
      BigInteger slots = BigInteger.valueOf(rows.size() + 1L);
      BigInteger lowKey =
          low != null ? low.key() : rows.getFirst().key().subtract(GAP.multiply(slots));
      BigInteger highKey =
          high != null ? high.key() : rows.getLast().key().add(GAP.multiply(slots));
      BigInteger step = highKey.subtract(lowKey).divide(slots);
      if (step.compareTo(MIN_STEP) < 0 && (low != null || high != null)) {
        continue;
      }
      // The window's keys in one statement, so the board is held exclusively for a short while.
      Long[] ids = new Long[rows.size()];
      String[] keys = new String[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        ids[i] = rows.get(i).id();
        keys[i] = lowKey.add(step.multiply(BigInteger.valueOf(i + 1L))).toString();
      }
      sql.update(placeAll, shard, group, ids, keys);
      return rows.size();
    }
  }

  /**
   * A row of the statements that read the items a move names and the one after its target.
   *
   * @param item the item with its key
   * @param named whether the move named it (else it is the one after the target)
   * @param placed whether the statement that read it wrote the moved item's key
   */
  private record Named(Keyed item, boolean named, boolean placed) {}

  private static Named named(io.vertx.sqlclient.Row row) {
    return new Named(keyed(row), row.getBoolean("named"), row.getBoolean("placed"));
  }

  private static Keyed keyed(io.vertx.sqlclient.Row row) {
    return new Keyed(row.getLong("id"), new BigInteger(row.getString("sort_key")));
  }
}
