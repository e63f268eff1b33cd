package dev.corkboard.board;

import dev.corkboard.account.AccountSql;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Stores boards and their sections in PostgreSQL. */
final class BoardRepository {

  /**
   * An account's boards in the manual order its owner arranged, newest first until then: on every
   * shard that holds them.
   */
  static final ManualOrder BOARD_ORDER =
      new ManualOrder("boards", "owner_id", "position", true, BoardSql.shardsOfOwner("$1", "$2"));

  /** A board's sections in the manual order arranged, oldest first until then. */
  static final ManualOrder SECTION_ORDER =
      new ManualOrder("board_sections", "board_id", "position", false);

  /** Boards with their owner's name; a statement adds its WHERE clause. */
  private static final String SELECT =
      "SELECT " + BoardSql.COLUMNS + "\nFROM boards b " + AccountSql.joinOwner("b") + "\n";

  /**
   * An SQL condition that holds when another board of the owner {@code $owner} than {@code $except}
   * has the name {@code $name}, ignoring case, on any shard that holds the owner's boards: the
   * unique index of names per owner sees one shard, and a board handed to its owner lives on
   * another. Each argument names a parameter (bigint, bigint, text); the writer holds the owner's
   * account row, so no other board of the owner takes the name meanwhile.
   */
  private static String nameTaken(String owner, String except, String name) {
    return """
        EXISTS (
          SELECT 1 FROM (%s) owner_shards
          JOIN boards o ON o.shard = owner_shards.shard AND o.owner_id = %s::bigint
          WHERE lower(o.name) = lower(%s::text) AND o.id <> %s::bigint)"""
        .formatted(
            BoardSql.shardsOfOwner(Ids.shardSql(owner + "::bigint"), owner + "::bigint"),
            owner,
            name,
            except);
  }

  /** Inserts a board; false, having written nothing, when its owner has a board of that name. */
  boolean insert(Sql sql, Board board) {
    return sql.update(
            """
            INSERT INTO boards (shard, id, owner_id, name, description, privacy, created_at,
                                board_pins_modified_at)
            SELECT $1::smallint, $2::bigint, $3::bigint, $4::text, $5::text, $6::text,
                   $7::timestamptz, $7::timestamptz
            WHERE NOT %s
            """
                .formatted(nameTaken("$3", "$2", "$4")),
            Ids.shardOf(board.id()),
            board.id(),
            board.ownerId(),
            board.name(),
            board.description(),
            board.privacy().name(),
            board.createdAt().atOffset(ZoneOffset.UTC))
        > 0;
  }

  Optional<Board> find(Sql sql, long id) {
    return sql.one(
        SELECT + "WHERE b.shard = $1 AND b.id = $2", BoardSql::board, Ids.shardOf(id), id);
  }

  /** The owner of a board, by its primary key alone; empty when the board is gone. */
  Optional<Long> ownerOf(Sql sql, long id) {
    return sql.one(
        "SELECT owner_id FROM boards WHERE shard = $1 AND id = $2",
        row -> row.getLong(0),
        Ids.shardOf(id),
        id);
  }

  /** Reads a board and locks its row until the transaction ends. */
  Optional<Board> findForUpdate(Sql sql, long id) {
    return sql.one(
        SELECT + "WHERE b.shard = $1 AND b.id = $2 FOR UPDATE OF b",
        BoardSql::board,
        Ids.shardOf(id),
        id);
  }

  /**
   * A page of an owner's public boards that are not archived, newest first, before {@code
   * beforeId}: the boards a profile shows.
   */
  List<Board> listPublicByOwner(Sql sql, long ownerId, long beforeId, int limit) {
    return sql.list(
        LIST_PUBLIC_BY_OWNER, BoardSql::board, Ids.shardOf(ownerId), ownerId, beforeId, limit);
  }

  /**
   * A query of the shard and id of the boards aliased {@code o} of the owner {@code $2} (on shard
   * {@code $1}) that {@code condition} keeps, the first {@code limit} in the order {@code order}:
   * from one range of an index of {@code (shard, owner_id, ...)} on the owner's shard, and from the
   * boards handed to the owner that live elsewhere (few; {@code away_boards}, an index probe that
   * finds none for most owners), which the statement reading them merges in the same order.
   */
  private static String ownedPage(String condition, String order, String limit) {
    return """
        (SELECT o.shard, o.id FROM boards o
         WHERE o.shard = $1 AND o.owner_id = $2 AND %1$s
         ORDER BY %2$s LIMIT %3$s)
        UNION ALL
        (SELECT o.shard, o.id FROM away_boards w
         JOIN boards o ON o.shard = w.board_shard AND o.id = w.board_id
         WHERE w.shard = $1 AND w.owner_id = $2 AND o.owner_id = $2 AND %1$s
         ORDER BY %2$s LIMIT %3$s)"""
        .formatted(condition, order, limit);
  }

  private static final String LIST_PUBLIC_BY_OWNER =
      SELECT
          + """
          WHERE (b.shard, b.id) IN (%s)
          ORDER BY b.id DESC
          LIMIT $4
          """
              .formatted(
                  ownedPage(
                      "o.id < $3 AND o.privacy = 'PUBLIC' AND o.archived_at IS NULL",
                      "o.id DESC",
                      "$4"));

  /**
   * A page of the account's boards, those it owns and the group boards it is a member of, with one
   * of the privacies, newest first, before {@code beforeId}; secret ones only if {@code
   * secretShown} (the access policy's answer), archived ones only if {@code archivedShown}.
   */
  List<Board> listOfAccount(
      Sql sql,
      long accountId,
      List<BoardPrivacy> privacies,
      boolean secretShown,
      boolean archivedShown,
      long beforeId,
      int limit) {
    return sql.list(
        LIST_OF_ACCOUNT,
        BoardSql::board,
        Ids.shardOf(accountId),
        accountId,
        privacies.stream().map(Enum::name).toArray(String[]::new),
        beforeId,
        limit,
        secretShown,
        archivedShown);
  }

  // The page is cut from the ranges of the owner's boards, one of boards_by_owner per shard that
  // holds them, and the boards the account is a member of, few, found on its own shard by
  // board_members_by_account. Board ids sort by creation time whatever their shard, so one ORDER
  // BY merges them.
  private static final String LIST_OF_ACCOUNT =
      SELECT
          + """
          WHERE (b.shard, b.id) IN (
              %s
              UNION ALL
              SELECT m.shard, m.board_id FROM board_members m
              WHERE m.member_shard = $1 AND m.account_id = $2 AND m.state = 'ACCEPTED'
                AND m.board_id < $4)
            AND b.privacy = ANY($3) AND %s AND ($7 OR b.archived_at IS NULL)
          ORDER BY b.id DESC
          LIMIT $5
          """
              .formatted(
                  ownedPage(
                      """
                      o.id < $4 AND o.privacy = ANY($3)
                            AND (o.privacy = 'PUBLIC' OR $6) AND ($7 OR o.archived_at IS NULL)""",
                      "o.id DESC",
                      "$5"),
                  AccessSql.BOARD_SHOWN.formatted(6));

  /**
   * A page of an owner's boards with one of the privacies in manual order, after the sort key and
   * id of the last board served, leaving out boards moved by a transaction that {@code snapshot}
   * (null: none) does not see; secret ones only if {@code secretShown}.
   */
  List<ManualOrder.Ranked<Board>> listByOwnerInOrder(
      Sql sql,
      long ownerId,
      List<BoardPrivacy> privacies,
      boolean secretShown,
      boolean archivedShown,
      String afterKey,
      long afterId,
      @Nullable String snapshot,
      int limit) {
    return sql.list(
        LIST_BY_OWNER_IN_ORDER,
        row -> new ManualOrder.Ranked<>(BoardSql.board(row), row.getString("sort_key")),
        Ids.shardOf(ownerId),
        ownerId,
        privacies.stream().map(Enum::name).toArray(String[]::new),
        afterKey,
        afterId,
        snapshot,
        limit,
        secretShown,
        archivedShown);
  }

  private static final String LIST_BY_OWNER_IN_ORDER =
      """
      SELECT %s, (%s)::text AS sort_key
      FROM boards b %s
      WHERE (b.shard, b.id) IN (%s)
        AND %s
      ORDER BY %s, b.id
      LIMIT $7
      """
          .formatted(
              BoardSql.COLUMNS,
              BOARD_ORDER.key("b"),
              AccountSql.joinOwner("b"),
              ownedPage(
                  """
                  o.privacy = ANY($3) AND (%s, o.id) > ($4::text::numeric, $5)
                        AND %s
                        AND (o.privacy = 'PUBLIC' OR $8) AND ($9 OR o.archived_at IS NULL)"""
                      .formatted(BOARD_ORDER.key("o"), ManualOrder.shown("o", 6)),
                  BOARD_ORDER.key("o") + ", o.id",
                  "$7"),
              AccessSql.BOARD_SHOWN.formatted(8),
              BOARD_ORDER.key("b"));

  /**
   * Shares a board's row for a move of its pins or sections, takes the board's order lock, records
   * the move in the board's trail ({@code trail}: {@link BoardActivity#row}'s parameters) and
   * answers how the board is guarded now, as the access policy judges it, all in one statement;
   * empty, having written nothing, when there is no board. The shared row lets moves of one board
   * run side by side while changes to the board itself (its privacy, archive, members and counts)
   * wait for them. The order lock is a transaction-scoped advisory lock on the board's id, shared
   * by every move ({@code exclusive} false) and taken exclusively by a re-spacing of keys, which so
   * becomes the board's only mover. It is a lock of PostgreSQL's lock manager rather than the row's
   * because that manager queues a shared request behind a waiting exclusive one: a re-spacing waits
   * only for the moves already in flight, where an exclusive row lock could wait for as long as new
   * moves kept sharing the row. The caller judges the answer and rolls the transaction back, trail
   * and all, if the move may not be made.
   */
  Optional<Arranging> arrange(Sql sql, boolean exclusive, Object[] trail) {
    return sql.one(
        """
        WITH g AS (SELECT b.owner_id, b.privacy, %s
                   FROM boards b
                   WHERE b.shard = $1 AND b.id = $2
                   FOR SHARE OF b),
        o AS (SELECT %s(hashtextextended('order:' || $2::bigint::text, 0)) FROM g),
        t AS (%s)
        -- reading o runs it, and so takes the lock: a SELECT in WITH that nothing reads is not run
        SELECT g.*, (SELECT count(*) FROM o) AS ordered FROM g
        """
            .formatted(
                BoardSql.access("b"),
                exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared",
                BoardActivity.insertFor("g")),
        row ->
            new Arranging(
                row.getLong("owner_id"),
                !"PUBLIC".equals(row.getString("privacy")),
                BoardSql.archived(row),
                BoardSql.members(row)),
        trail);
  }

  /**
   * A board locked for a move of its pins or sections.
   *
   * @param ownerId the board's owner
   * @param secret whether it is not public
   * @param archived whether it is archived
   * @param members who else holds a role on it
   */
  record Arranging(long ownerId, boolean secret, boolean archived, Members members) {}

  /**
   * Changes a board's name, description and privacy; false, having written nothing, when its owner
   * {@code ownerId} has another board of that name.
   */
  boolean update(
      Sql sql, long id, long ownerId, String name, String description, BoardPrivacy privacy) {
    return sql.update(
            """
            UPDATE boards SET name = $3, description = $4, privacy = $5
            WHERE shard = $1 AND id = $2 AND NOT %s
            """
                .formatted(nameTaken("$6", "$2", "$3")),
            Ids.shardOf(id),
            id,
            name,
            description,
            privacy.name(),
            ownerId)
        > 0;
  }

  /**
   * Hands the board {@code boardId}, of {@code name}, from {@code from} to {@code to}, inside the
   * caller's transaction, which holds both owners' account rows and the board's row: the board's
   * row names its new owner and takes its default place in the new owner's manual order; its pins
   * and the choices about it follow ({@link BoardRewriteSql}); its follower counters are set to
   * what those choices now make; and {@code away_boards} finds it from the new owner's shard when
   * that is not the board's. False, having written nothing, when {@code to} has a board of that
   * name already.
   */
  boolean handOver(
      Sql sql, BoardRewriteSql rewrites, long boardId, String name, long from, long to) {
    short shard = Ids.shardOf(boardId);
    int handed =
        sql.update(
            """
            UPDATE boards SET owner_id = $3, position = NULL, positioned_version = NULL
            WHERE shard = $1 AND id = $2 AND NOT %s
            """
                .formatted(nameTaken("$3", "$2", "$4")),
            shard,
            boardId,
            to,
            name);
    if (handed == 0) {
      return false;
    }
    sql.update(rewrites.handOverPins(), shard, boardId, to, from);
    int[] counters =
        sql.one(
                rewrites.handOverFollows(),
                row -> new int[] {row.getInteger("direct"), row.getInteger("unfollows")},
                shard,
                boardId,
                to)
            .orElse(new int[2]);
    sql.update(
        """
        UPDATE boards SET direct_follower_count = $3, unfollower_count = $4
        WHERE shard = $1 AND id = $2
        """,
        shard,
        boardId,
        counters[0],
        counters[1]);
    sql.update("DELETE FROM away_boards WHERE board_shard = $1 AND board_id = $2", shard, boardId);
    if (Ids.shardOf(to) != shard) {
      sql.update(
          """
          INSERT INTO away_boards (shard, owner_id, board_shard, board_id)
          VALUES ($1, $2, $3, $4)
          """,
          Ids.shardOf(to),
          to,
          shard,
          boardId);
    }
    return true;
  }

  /** The ids of every board that is not public or is archived, sorted (boards_hidden's range). */
  long[] hiddenIds(Sql sql) {
    return sql
        .list(
            """
            SELECT id FROM boards WHERE privacy <> 'PUBLIC' OR archived_at IS NOT NULL ORDER BY id
            """,
            row -> row.getLong("id"))
        .stream()
        .mapToLong(Long::longValue)
        .toArray();
  }

  /** Stamps the board archived now, or clears the stamp. */
  void setArchived(Sql sql, long id, boolean archived) {
    sql.update(
        """
        UPDATE boards SET archived_at = CASE WHEN $3 THEN now() END
        WHERE shard = $1 AND id = $2
        """,
        Ids.shardOf(id),
        id,
        archived);
  }

  /** Adds to a board's pin count; false when there is no such board. */
  boolean addToPinCount(Sql sql, long id, int delta) {
    return sql.update(
            """
        UPDATE boards SET pin_count = pin_count + $3, board_pins_modified_at = now()
        WHERE shard = $1 AND id = $2
        """,
            Ids.shardOf(id),
            id,
            delta)
        > 0;
  }

  /**
   * Adds to the pin counts of several boards of one shard and stamps {@code
   * board_pins_modified_at}, locking their rows in id order first (platform.db's lock order: two
   * writers of the same boards then queue instead of deadlocking). Answers how many boards were
   * found.
   */
  int addToPinCounts(Sql sql, short shard, Long[] ids, Integer[] deltas) {
    return sql.update(
        """
        WITH locked AS (
          SELECT b.id FROM boards b
          WHERE b.shard = $1 AND b.id = ANY($2::bigint[])
          ORDER BY b.id
          FOR NO KEY UPDATE)
        UPDATE boards b
        SET pin_count = b.pin_count + d.delta, board_pins_modified_at = now()
        FROM locked JOIN unnest($2::bigint[], $3::int[]) AS d(id, delta) ON d.id = locked.id
        WHERE b.shard = $1 AND b.id = locked.id
        """,
        shard,
        ids,
        deltas);
  }

  /**
   * Adds to a public board's follower counters ({@link BoardSql#COLUMNS} says how they make its
   * follower count), locking its row; false when there is no such public board.
   */
  boolean addToPublicFollowerCounts(Sql sql, long id, int direct, int unfollowers) {
    return sql.update(
            """
            UPDATE boards
            SET direct_follower_count = direct_follower_count + $3,
                unfollower_count = unfollower_count + $4
            WHERE shard = $1 AND id = $2 AND privacy = 'PUBLIC'
            """,
            Ids.shardOf(id),
            id,
            direct,
            unfollowers)
        > 0;
  }

  /**
   * Adds to the follower counters of some boards of one owner, whatever their privacy, each found
   * on the shard its id names.
   */
  void addToFollowerCounts(Sql sql, long ownerId, List<Long> ids, int direct, int unfollowers) {
    sql.update(
        """
        UPDATE boards b
        SET direct_follower_count = b.direct_follower_count + $3,
            unfollower_count = b.unfollower_count + $4
        FROM unnest($2::bigint[]) AS t(id)
        WHERE b.shard = %s AND b.id = t.id AND b.owner_id = $1
        """
            .formatted(Ids.shardSql("t.id")),
        ownerId,
        ids.toArray(Long[]::new),
        direct,
        unfollowers);
  }

  /** Deletes a board; its sections go with it (foreign key cascade, same transaction). */
  boolean delete(Sql sql, long id) {
    return sql.update("DELETE FROM boards WHERE shard = $1 AND id = $2", Ids.shardOf(id), id) > 0;
  }

  // Merging the board $2 into $3, both on shard $1 and of one owner: the statements below run in
  // platform.db's lock order after the owner's (and the followers') account rows and both boards'
  // rows, in id order: sections, then pins, then the followers' choices, then the members.

  /**
   * The sections of {@code fromId} whose name {@code intoId} has too (ignoring case, as the unique
   * index {@code board_sections_board_name_key} compares them), each with that section of {@code
   * intoId}: {@code [from, into]} pairs.
   */
  List<long[]> findSameNamedSections(Sql sql, long fromId, long intoId) {
    return sql.list(
        """
        SELECT a.id AS from_id, b.id AS into_id
        FROM board_sections a
        JOIN board_sections b
          ON b.shard = a.shard AND b.board_id = $3 AND lower(b.name) = lower(a.name)
        WHERE a.shard = $1 AND a.board_id = $2
        ORDER BY a.id
        """,
        row -> new long[] {row.getLong("from_id"), row.getLong("into_id")},
        Ids.shardOf(fromId),
        fromId,
        intoId);
  }

  /** Moves the sections of {@code fromId} but {@code staying} onto {@code intoId}. */
  void moveSections(Sql sql, long fromId, long intoId, Long[] staying) {
    sql.update(
        """
        UPDATE board_sections SET board_id = $3
        WHERE shard = $1 AND board_id = $2 AND NOT (id = ANY($4::bigint[]))
        """,
        Ids.shardOf(fromId),
        fromId,
        intoId,
        staying);
  }

  /**
   * Moves every pin of {@code fromId} onto {@code intoId}, those of the sections {@code
   * fromSections} into the sections {@code intoSections} at the same places; answers how many
   * moved.
   */
  int moveBoardPins(
      Sql sql,
      BoardRewriteSql merge,
      long fromId,
      long intoId,
      Long[] fromSections,
      Long[] intoSections) {
    return sql.update(
        merge.movePins(), Ids.shardOf(fromId), fromId, intoId, fromSections, intoSections);
  }

  /** The accounts that follow the board explicitly. */
  List<Long> findExplicitFollowers(Sql sql, BoardRewriteSql merge, long boardId) {
    return sql.list(
        merge.explicitFollowers(),
        row -> row.getLong("follower_id"),
        Ids.shardOf(boardId),
        boardId);
  }

  /**
   * Gives the explicit followers of {@code fromId} explicit follows of {@code intoId} and counts
   * them on {@code intoId}'s follower counters ({@link BoardRewriteSql#carryFollows}).
   */
  void carryFollows(Sql sql, BoardRewriteSql merge, long fromId, long intoId, long ownerId) {
    int[] change =
        sql.one(
                merge.carryFollows(),
                row -> new int[] {row.getInteger("direct"), row.getInteger("unfollows")},
                Ids.shardOf(fromId),
                fromId,
                intoId,
                ownerId)
            .orElse(new int[2]);
    if (change[0] != 0 || change[1] != 0) {
      addToFollowerCounts(sql, ownerId, List.of(intoId), change[0], -change[1]);
    }
  }

  // A member of both boards keeps the higher of the two roles, and is a member (ACCEPTED) of the
  // merged board if it accepted either invitation; a row carried over keeps its id, so the
  // members stay in the order of their invitations.
  private static final String CARRY_MEMBERS =
      """
      INSERT INTO board_members (shard, board_id, member_shard, account_id, role, state, invited_by,
                                 id, created_at)
      SELECT m.shard, $3, m.member_shard, m.account_id, m.role, m.state, m.invited_by, m.id,
             m.created_at
      FROM board_members m
      WHERE m.shard = $1 AND m.board_id = $2
      ORDER BY m.account_id
      ON CONFLICT (shard, board_id, account_id) DO UPDATE SET
        role = CASE WHEN array_position(%1$s, excluded.role)
                         > array_position(%1$s, board_members.role)
                    THEN excluded.role ELSE board_members.role END,
        state = CASE WHEN excluded.state = 'ACCEPTED' THEN 'ACCEPTED'
                     ELSE board_members.state END
      """
          .formatted("ARRAY['VIEWER', 'CONTRIBUTOR', 'EDITOR']");

  /**
   * Makes the members and invitees of {@code fromId} members and invitees of {@code intoId}, and
   * sets {@code intoId}'s {@code collaborator_count} to its accepted members.
   */
  void carryMembers(Sql sql, long fromId, long intoId) {
    short shard = Ids.shardOf(fromId);
    sql.update(CARRY_MEMBERS, shard, fromId, intoId);
    sql.update(
        """
        UPDATE boards SET collaborator_count = (
          SELECT count(*) FROM board_members m
          WHERE m.shard = $1 AND m.board_id = $2 AND m.state = 'ACCEPTED')
        WHERE shard = $1 AND id = $2
        """,
        shard,
        intoId);
  }

  void insertSection(Sql sql, BoardSection section) {
    sql.update(
        """
        INSERT INTO board_sections (shard, id, board_id, name, created_at)
        VALUES ($1, $2, $3, $4, $5)
        """,
        Ids.shardOf(section.id()),
        section.id(),
        section.boardId(),
        section.name(),
        section.createdAt().atOffset(ZoneOffset.UTC));
  }

  Optional<BoardSection> findSection(Sql sql, long boardId, long sectionId) {
    return sql.one(
        """
        SELECT id, board_id, name, created_at FROM board_sections
        WHERE shard = $1 AND id = $2 AND board_id = $3
        """,
        BoardRepository::section,
        Ids.shardOf(sectionId),
        sectionId,
        boardId);
  }

  /** A page of a board's sections in the order they were made, after {@code afterId}. */
  List<BoardSection> listSections(Sql sql, long boardId, long afterId, int limit) {
    return sql.list(
        """
        SELECT id, board_id, name, created_at FROM board_sections
        WHERE shard = $1 AND board_id = $2 AND id > $3
        ORDER BY id
        LIMIT $4
        """,
        BoardRepository::section,
        Ids.shardOf(boardId),
        boardId,
        afterId,
        limit);
  }

  /**
   * A page of a board's sections in manual order, after the sort key and id of the last section
   * served, leaving out sections moved by a transaction that {@code snapshot} (null: none) does not
   * see.
   */
  List<ManualOrder.Ranked<BoardSection>> listSectionsInOrder(
      Sql sql, long boardId, String afterKey, long afterId, @Nullable String snapshot, int limit) {
    return sql.list(
        """
        SELECT id, board_id, name, created_at, (%s)::text AS sort_key FROM board_sections
        WHERE shard = $1 AND board_id = $2 AND (%s, id) > ($3::text::numeric, $4)
          AND %s
        ORDER BY %s, id
        LIMIT $6
        """
            .formatted(
                SECTION_ORDER.key(""),
                SECTION_ORDER.key(""),
                ManualOrder.shown("", 5),
                SECTION_ORDER.key("")),
        row -> new ManualOrder.Ranked<>(section(row), row.getString("sort_key")),
        Ids.shardOf(boardId),
        boardId,
        afterKey,
        afterId,
        snapshot,
        limit);
  }

  Optional<BoardSection> renameSection(Sql sql, long boardId, long sectionId, String name) {
    return sql.one(
        """
        UPDATE board_sections SET name = $4
        WHERE shard = $1 AND id = $2 AND board_id = $3
        RETURNING id, board_id, name, created_at
        """,
        BoardRepository::section,
        Ids.shardOf(sectionId),
        sectionId,
        boardId,
        name);
  }

  boolean deleteSection(Sql sql, long boardId, long sectionId) {
    return sql.update(
            "DELETE FROM board_sections WHERE shard = $1 AND id = $2 AND board_id = $3",
            Ids.shardOf(sectionId),
            sectionId,
            boardId)
        > 0;
  }

  private static BoardSection section(Row row) {
    return new BoardSection(
        row.getLong("id"),
        row.getLong("board_id"),
        row.getString("name"),
        row.getOffsetDateTime("created_at").toInstant());
  }
}
