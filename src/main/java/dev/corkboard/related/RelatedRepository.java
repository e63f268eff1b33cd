package dev.corkboard.related;

import dev.corkboard.board.BoardSql;
import dev.corkboard.pin.PinSql;
import dev.corkboard.platform.db.Sql;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the graph is made of through the pin and board features' SQL fragments: every board
 * with its pins, page by page; the pins made since an id, with their roots; the roots of some pins;
 * and which of some boards are no longer public.
 */
final class RelatedRepository {

  /** Boards per page of the streaming read: a page is one range of the boards' primary key. */
  static final int BOARDS_PER_PAGE = 2_000;

  private static final String PAGE = PinSql.pinsOfBoards(BoardSql.boardsAfter("$1", "$2", "$3"));

  private static final String MADE_AFTER = PinSql.withRoots(PinSql.madeAfter("$1"));

  private static final String ROOTS = PinSql.withRoots(PinSql.ofIds("$1"));

  private static final String ON_BOARD = PinSql.withRoots(PinSql.onBoard("$1", "$2", "$3"));

  /** A pin with the root of its save chain, its board, and whether that board is public. */
  record Rooted(long id, long root, long boardId, boolean publicBoard) {}

  /**
   * Streams every board and its pins into {@code builder}, {@value #BOARDS_PER_PAGE} boards per
   * statement, after the last board of the page before (keyset paging, never one giant read).
   */
  void readAll(Sql sql, GraphBuilder builder) {
    short shard = -1;
    long board = -1;
    while (true) {
      int boards = 0;
      long last = -2;
      for (Row row : sql.query(PAGE, shard, board, BOARDS_PER_PAGE)) {
        long boardId = row.getLong("board_id");
        if (boardId != last) {
          boards++;
          last = boardId;
          shard = row.getShort("shard");
          board = boardId;
        }
        Long id = row.getLong("id");
        if (id != null) {
          Long parent = row.getLong("parent_pin_id");
          builder.pin(
              id,
              parent == null ? 0 : parent,
              boardId,
              "PUBLIC".equals(row.getString("privacy")),
              row.getString("title"),
              row.getString("description"));
        }
      }
      if (boards < BOARDS_PER_PAGE) {
        return;
      }
    }
  }

  /** The pins with ids above {@code after}, with their roots. */
  List<Rooted> madeAfter(Sql sql, long after) {
    return sql.list(MADE_AFTER, RelatedRepository::rooted, after);
  }

  /** The pins of {@code ids} that exist, with their roots. */
  List<Rooted> roots(Sql sql, List<Long> ids) {
    return sql.list(ROOTS, RelatedRepository::rooted, (Object) ids.toArray(Long[]::new));
  }

  /** The newest {@code limit} pins of a board, newest first, with their roots. */
  List<Rooted> onBoard(Sql sql, short shard, long boardId, int limit) {
    List<Rooted> pins =
        new ArrayList<>(sql.list(ON_BOARD, RelatedRepository::rooted, shard, boardId, limit));
    pins.sort((a, b) -> Long.compare(b.id(), a.id()));
    return pins;
  }

  private static Rooted rooted(Row row) {
    return new Rooted(
        row.getLong("id"),
        row.getLong("root"),
        row.getLong("board_id"),
        Boolean.TRUE.equals(row.getBoolean("public")));
  }
}
