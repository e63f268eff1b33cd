package dev.corkboard.board;

import dev.corkboard.account.AccountSql;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Stores boards and their sections in PostgreSQL. */
final class BoardRepository {

  /** An account's boards in the manual order its owner arranged, newest first until then. */
  static final ManualOrder BOARD_ORDER = new ManualOrder("boards", "owner_id", "position", true);

  /** A board's sections in the manual order arranged, oldest first until then. */
  static final ManualOrder SECTION_ORDER =
      new ManualOrder("board_sections", "board_id", "position", false);

  /** Boards with their owner's name; a statement adds its WHERE clause. */
  private static final String SELECT =
      "SELECT " + BoardSql.COLUMNS + "\nFROM boards b " + AccountSql.joinOwner("b") + "\n";

  void insert(Sql sql, Board board) {
    sql.update(
        """
        INSERT INTO boards (shard, id, owner_id, name, description, privacy, created_at,
                            board_pins_modified_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
        """,
        Ids.shardOf(board.id()),
        board.id(),
        board.ownerId(),
        board.name(),
        board.description(),
        board.privacy().name(),
        board.createdAt().atOffset(ZoneOffset.UTC));
  }

  Optional<Board> find(Sql sql, long id) {
    return sql.one(
        SELECT + "WHERE b.shard = $1 AND b.id = $2", BoardSql::board, Ids.shardOf(id), id);
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
   * A page of an owner's boards with one of the privacies, newest first, before {@code beforeId};
   * secret ones only if {@code secretShown} (the access policy's answer).
   */
  List<Board> listByOwner(
      Sql sql,
      long ownerId,
      List<BoardPrivacy> privacies,
      boolean secretShown,
      long beforeId,
      int limit) {
    return sql.list(
        LIST_BY_OWNER,
        BoardSql::board,
        Ids.shardOf(ownerId),
        ownerId,
        privacies.stream().map(Enum::name).toArray(String[]::new),
        beforeId,
        limit,
        secretShown);
  }

  private static final String LIST_BY_OWNER =
      SELECT
          + """
          WHERE b.shard = $1 AND b.owner_id = $2 AND b.privacy = ANY($3) AND b.id < $4
            AND %s
          ORDER BY b.id DESC
          LIMIT $5
          """
              .formatted(AccessSql.BOARD_SHOWN.formatted(6));

  /**
   * A page of an owner's boards with one of the privacies in manual order, after the sort key and
   * id of the last board served, leaving out boards moved after the order version {@code
   * shownUpTo}; secret ones only if {@code secretShown}.
   */
  List<ManualOrder.Ranked<Board>> listByOwnerInOrder(
      Sql sql,
      long ownerId,
      List<BoardPrivacy> privacies,
      boolean secretShown,
      String afterKey,
      long afterId,
      long shownUpTo,
      int limit) {
    return sql.list(
        LIST_BY_OWNER_IN_ORDER,
        row -> new ManualOrder.Ranked<>(BoardSql.board(row), row.getString("sort_key")),
        Ids.shardOf(ownerId),
        ownerId,
        privacies.stream().map(Enum::name).toArray(String[]::new),
        afterKey,
        afterId,
        shownUpTo,
        limit,
        secretShown);
  }

  private static final String LIST_BY_OWNER_IN_ORDER =
      """
      SELECT %s, (%s)::text AS sort_key
      FROM boards b %s
      WHERE b.shard = $1 AND b.owner_id = $2 AND b.privacy = ANY($3)
        AND (%s, b.id) > ($4::text::numeric, $5)
        AND (b.positioned_version IS NULL OR b.positioned_version <= $6)
        AND %s
      ORDER BY %s, b.id
      LIMIT $7
      """
          .formatted(
              BoardSql.COLUMNS,
              BOARD_ORDER.key("b"),
              AccountSql.joinOwner("b"),
              BOARD_ORDER.key("b"),
              AccessSql.BOARD_SHOWN.formatted(8),
              BOARD_ORDER.key("b"));

  /**
   * Counts one more move of a board's pins or sections under the board's row lock, which the caller
   * holds, and answers the count: the version the rows the move writes are stamped with.
   */
  long nextOrderVersion(Sql sql, long id) {
    return sql.one(
            """
            UPDATE boards SET order_version = order_version + 1
            WHERE shard = $1 AND id = $2
            RETURNING order_version
            """,
            row -> row.getLong(0),
            Ids.shardOf(id),
            id)
        .orElse(0L);
  }

  /**
   * Locks a board's row and counts one more move of its pins or sections, in one statement: answers
   * how the board is guarded now, as the access policy judges it, and the count, the version the
   * rows the move writes are stamped with; empty when there is no board.
   */
  Optional<Arranging> arrange(Sql sql, long id) {
    return sql.one(
        """
        UPDATE boards SET order_version = order_version + 1
        WHERE shard = $1 AND id = $2
        RETURNING owner_id, privacy, order_version
        """,
        row ->
            new Arranging(
                row.getLong("owner_id"),
                !"PUBLIC".equals(row.getString("privacy")),
                row.getLong("order_version")),
        Ids.shardOf(id),
        id);
  }

  /**
   * A board locked for a move of its pins or sections.
   *
   * @param ownerId the board's owner
   * @param secret whether it is not public
   * @param version the order version of the move
   */
  record Arranging(long ownerId, boolean secret, long version) {}

  /** How many moves of a board's pins and sections there have been; 0 for no board. */
  long orderVersion(Sql sql, long id) {
    return sql.one(
            "SELECT order_version FROM boards WHERE shard = $1 AND id = $2",
            row -> row.getLong(0),
            Ids.shardOf(id),
            id)
        .orElse(0L);
  }

  void update(Sql sql, long id, String name, String description, BoardPrivacy privacy) {
    sql.update(
        "UPDATE boards SET name = $3, description = $4, privacy = $5 WHERE shard = $1 AND id = $2",
        Ids.shardOf(id),
        id,
        name,
        description,
        privacy.name());
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

  /** Adds to the follower counters of some boards of one owner, whatever their privacy. */
  void addToFollowerCounts(Sql sql, long ownerId, List<Long> ids, int direct, int unfollowers) {
    sql.update(
        """
        UPDATE boards
        SET direct_follower_count = direct_follower_count + $4,
            unfollower_count = unfollower_count + $5
        WHERE shard = $1 AND owner_id = $2 AND id = ANY($3)
        """,
        Ids.shardOf(ownerId),
        ownerId,
        ids.toArray(Long[]::new),
        direct,
        unfollowers);
  }

  /** Deletes a board; its sections go with it (foreign key cascade, same transaction). */
  boolean delete(Sql sql, long id) {
    return sql.update("DELETE FROM boards WHERE shard = $1 AND id = $2", Ids.shardOf(id), id) > 0;
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
   * served, leaving out sections moved after the order version {@code shownUpTo}.
   */
  List<ManualOrder.Ranked<BoardSection>> listSectionsInOrder(
      Sql sql, long boardId, String afterKey, long afterId, long shownUpTo, int limit) {
    return sql.list(
        """
        SELECT id, board_id, name, created_at, (%s)::text AS sort_key FROM board_sections
        WHERE shard = $1 AND board_id = $2 AND (%s, id) > ($3::text::numeric, $4)
          AND (positioned_version IS NULL OR positioned_version <= $5)
        ORDER BY %s, id
        LIMIT $6
        """
            .formatted(SECTION_ORDER.key(""), SECTION_ORDER.key(""), SECTION_ORDER.key("")),
        row -> new ManualOrder.Ranked<>(section(row), row.getString("sort_key")),
        Ids.shardOf(boardId),
        boardId,
        afterKey,
        afterId,
        shownUpTo,
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
