package dev.corkboard.board;

import dev.corkboard.account.AccountSql;
import dev.corkboard.platform.api.Role;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Optional;

/**
 * Stores group boards' members and invitations, and reads boards' audit trails, in PostgreSQL. A
 * board's {@code collaborator_count} is kept by the same statements that change its members, in the
 * caller's transaction, which holds the board's row.
 */
final class CollaboratorRepository {

  private static final String COLUMNS =
      "m.id, m.board_id, m.account_id, a.username, m.role, m.state, m.invited_by, m.created_at";

  private static final String SELECT =
      "SELECT "
          + COLUMNS
          + " FROM board_members m "
          + AccountSql.joinAccount("m.member_shard", "m.account_id", "a")
          + "\n";

  /** Invites the account; false when it is already a member of the board or invited to it. */
  boolean invite(Sql sql, long id, long boardId, long accountId, Role role, long invitedBy) {
    return sql.update(
            """
            INSERT INTO board_members
              (shard, board_id, member_shard, account_id, role, state, invited_by, id)
            VALUES ($1, $2, $3, $4, $5, 'INVITED', $6, $7)
            ON CONFLICT DO NOTHING
            """,
            Ids.shardOf(boardId),
            boardId,
            Ids.shardOf(accountId),
            accountId,
            role.name(),
            invitedBy,
            id)
        > 0;
  }

  /** The account's membership of or invitation to the board. */
  Optional<Collaborator> find(Sql sql, long boardId, long accountId) {
    return sql.one(
        SELECT + "WHERE m.shard = $1 AND m.board_id = $2 AND m.account_id = $3",
        CollaboratorRepository::collaborator,
        Ids.shardOf(boardId),
        boardId,
        accountId);
  }

  /**
   * Accepts the account's pending invitation and counts the new member on the board; false when
   * there was none.
   */
  boolean accept(Sql sql, long boardId, long accountId) {
    return sql.update(
            """
            WITH accepted AS (
              UPDATE board_members SET state = 'ACCEPTED'
              WHERE shard = $1 AND board_id = $2 AND account_id = $3 AND state = 'INVITED'
              RETURNING shard, board_id)
            UPDATE boards b SET collaborator_count = b.collaborator_count + 1
            FROM accepted WHERE b.shard = accepted.shard AND b.id = accepted.board_id
            """,
            Ids.shardOf(boardId),
            boardId,
            accountId)
        > 0;
  }

  /**
   * Removes the account's membership or invitation, uncounting a member; answers what it removed,
   * nothing when there was none.
   */
  Optional<Boolean> remove(Sql sql, long boardId, long accountId) {
    return sql.one(
        """
        WITH removed AS (
          DELETE FROM board_members
          WHERE shard = $1 AND board_id = $2 AND account_id = $3
          RETURNING shard, board_id, state),
        counted AS (
          UPDATE boards b SET collaborator_count = b.collaborator_count - 1
          FROM removed
          WHERE b.shard = removed.shard AND b.id = removed.board_id AND removed.state = 'ACCEPTED')
        SELECT state = 'ACCEPTED' AS was_member FROM removed
        """,
        row -> row.getBoolean("was_member"),
        Ids.shardOf(boardId),
        boardId,
        accountId);
  }

  /** Changes a member's or invitee's role; false when there is none. */
  boolean changeRole(Sql sql, long boardId, long accountId, Role role) {
    return sql.update(
            """
            UPDATE board_members SET role = $4
            WHERE shard = $1 AND board_id = $2 AND account_id = $3
            """,
            Ids.shardOf(boardId),
            boardId,
            accountId,
            role.name())
        > 0;
  }

  /**
   * A page of a board's members in the order they were invited, after {@code afterId}; pending
   * invitations too when {@code withInvitations}.
   */
  List<Collaborator> listByBoard(
      Sql sql, long boardId, boolean withInvitations, long afterId, int limit) {
    return sql.list(
        SELECT
            + """
            WHERE m.shard = $1 AND m.board_id = $2 AND m.id > $3
              AND ($5 OR m.state = 'ACCEPTED')
            ORDER BY m.id LIMIT $4
            """,
        CollaboratorRepository::collaborator,
        Ids.shardOf(boardId),
        boardId,
        afterId,
        limit,
        withInvitations);
  }

  /** A page of the account's pending invitations, newest first, before {@code beforeId}. */
  List<Invitation> listInvitations(Sql sql, long accountId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT %s, b.name AS board_name, o.username AS owner_username
        FROM board_members m
        %s
        JOIN boards b ON b.shard = m.shard AND b.id = m.board_id
        %s
        WHERE m.member_shard = $1 AND m.account_id = $2 AND m.state = 'INVITED' AND m.id < $3
        ORDER BY m.id DESC LIMIT $4
        """
            .formatted(
                COLUMNS,
                AccountSql.joinAccount("m.member_shard", "m.account_id", "a"),
                AccountSql.joinAccount(Ids.shardSql("b.owner_id"), "b.owner_id", "o")),
        row ->
            new Invitation(
                collaborator(row), row.getString("board_name"), row.getString("owner_username")),
        Ids.shardOf(accountId),
        accountId,
        beforeId,
        limit);
  }

  /** A page of a board's audit trail, newest first, before {@code beforeId}. */
  List<ActivityEntry> listActivity(Sql sql, long boardId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT t.id, a.username, t.action, t.object_id, t.created_at
        FROM board_activity t
        LEFT %s
        WHERE t.shard = $1 AND t.board_id = $2 AND t.id < $3
        ORDER BY t.id DESC LIMIT $4
        """
            .formatted(AccountSql.joinAccount(Ids.shardSql("t.actor_id"), "t.actor_id", "a")),
        row ->
            new ActivityEntry(
                row.getLong("id"),
                row.getString("username") == null ? "" : row.getString("username"),
                BoardActivity.Action.valueOf(row.getString("action")),
                row.getLong("object_id"),
                row.getOffsetDateTime("created_at").toInstant()),
        Ids.shardOf(boardId),
        boardId,
        beforeId,
        limit);
  }

  private static Collaborator collaborator(Row row) {
    return new Collaborator(
        row.getLong("id"),
        row.getLong("board_id"),
        row.getLong("account_id"),
        row.getString("username"),
        Role.valueOf(row.getString("role")),
        "ACCEPTED".equals(row.getString("state")),
        row.getLong("invited_by"),
        row.getOffsetDateTime("created_at").toInstant());
  }
}
