package dev.corkboard.board;

import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.util.List;

/**
 * Writes a board's audit trail: one row per change, inside the transaction of the change, so the
 * trail holds exactly what committed.
 */
public final class BoardActivity {

  /** What was done; the wire name is the constant's name. */
  public enum Action {
    PIN_ADDED(Kind.PIN),
    PIN_MOVED(Kind.PIN),
    PIN_EDITED(Kind.PIN),
    PIN_REMOVED(Kind.PIN),
    SECTION_ADDED(Kind.SECTION),
    SECTION_EDITED(Kind.SECTION),
    SECTION_MOVED(Kind.SECTION),
    SECTION_REMOVED(Kind.SECTION),
    MEMBER_INVITED(Kind.MEMBER),
    MEMBER_JOINED(Kind.MEMBER),
    MEMBER_DECLINED(Kind.MEMBER),
    MEMBER_LEFT(Kind.MEMBER),
    MEMBER_REMOVED(Kind.MEMBER),
    MEMBER_ROLE_CHANGED(Kind.MEMBER),
    OWNER_CHANGED(Kind.MEMBER),
    BOARD_ARCHIVED(Kind.BOARD),
    BOARD_UNARCHIVED(Kind.BOARD),
    BOARD_MERGED(Kind.BOARD);

    /** The kind of object the action is about. */
    public final Kind kind;

    Action(Kind kind) {
      this.kind = kind;
    }
  }

  /** The kinds of object an action is about: a pin, a section, an account, or a board. */
  public enum Kind {
    PIN,
    SECTION,
    MEMBER,
    BOARD
  }

  private final IdGenerator ids;

  public BoardActivity(IdGenerator ids) {
    this.ids = ids;
  }

  /**
   * Records that {@code actorId} did {@code action} to {@code objectId} (a pin, section, account or
   * board, as the action's kind says) on the board, inside the caller's transaction.
   */
  public void record(Sql tx, long boardId, long actorId, Action action, long objectId) {
    tx.update(
        INSERT + " VALUES ($1, $2, $3, $4, $5, $6, $7)", row(boardId, actorId, action, objectId));
  }

  private static final String INSERT =
      "INSERT INTO board_activity (shard, board_id, id, actor_id, action, object_type, object_id)";

  /**
   * A data-modifying {@code WITH} entry that records, as {@link #record} does, the change whose
   * {@link #row} fills parameters $1 to $7, once for each row of the {@code WITH} entry {@code
   * from}: a change that reads its board in one statement writes its trail in the same one.
   */
  static String insertFor(String from) {
    return INSERT + " SELECT $1, $2, $3, $4, $5, $6, $7 FROM " + from;
  }

  /**
   * The parameters $1 to $7 of the trail's row for what {@code actorId} did ({@code action} to
   * {@code objectId}) on the board: its shard, the board, the row's new id, the actor, the action,
   * its kind and the object.
   */
  Object[] row(long boardId, long actorId, Action action, long objectId) {
    short shard = Ids.shardOf(boardId);
    return new Object[] {
      shard, boardId, ids.next(shard), actorId, action.name(), action.kind.name(), objectId
    };
  }

  /**
   * One row of a board's trail, for {@link #recordAll}.
   *
   * @param boardId the board whose trail it joins
   * @param action what was done
   * @param objectId what it was done to
   */
  public record Entry(long boardId, Action action, long objectId) {}

  /**
   * Records, as {@link #record} does, that {@code actorId} did each entry, in one statement inside
   * the caller's transaction: a change of many pins writes its trail in one round trip.
   */
  public void recordAll(Sql tx, long actorId, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    int n = entries.size();
    Short[] shards = new Short[n];
    Long[] boards = new Long[n];
    Long[] rowIds = new Long[n];
    String[] actions = new String[n];
    String[] kinds = new String[n];
    Long[] objects = new Long[n];
    for (int i = 0; i < n; i++) {
      Entry entry = entries.get(i);
      shards[i] = Ids.shardOf(entry.boardId());
      boards[i] = entry.boardId();
      rowIds[i] = ids.next(shards[i]);
      actions[i] = entry.action().name();
      kinds[i] = entry.action().kind.name();
      objects[i] = entry.objectId();
    }
    tx.update(
        """
        INSERT INTO board_activity (shard, board_id, id, actor_id, action, object_type, object_id)
        SELECT e.shard, e.board_id, e.id, $1, e.action, e.object_type, e.object_id
        FROM unnest($2::smallint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
                    $7::bigint[]) AS e(shard, board_id, id, action, object_type, object_id)
        """,
        actorId,
        shards,
        boards,
        rowIds,
        actions,
        kinds,
        objects);
  }
}
