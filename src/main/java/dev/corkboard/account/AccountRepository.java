package dev.corkboard.account;

import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import java.util.Locale;
import java.util.Optional;

/** Stores accounts and the global username index in PostgreSQL. */
final class AccountRepository {

  private static final String COLUMNS =
      "id, username, created_at, board_count, pin_count, follower_count, following_count";

  /** Claims a username for an account; a taken name is a unique violation. */
  void insertUsername(Sql sql, String username, long accountId) {
    sql.update(
        "INSERT INTO usernames (username_key, shard, account_id) VALUES ($1, $2, $3)",
        usernameKey(username),
        Ids.shardOf(accountId),
        accountId);
  }

  void insert(Sql sql, long id, String username, String passwordHash) {
    sql.update(
        "INSERT INTO accounts (shard, id, username, password_hash) VALUES ($1, $2, $3, $4)",
        Ids.shardOf(id),
        id,
        username,
        passwordHash);
  }

  Optional<Account> find(Sql sql, long id) {
    return sql.one(
        "SELECT " + COLUMNS + " FROM accounts WHERE shard = $1 AND id = $2",
        AccountRepository::account,
        Ids.shardOf(id),
        id);
  }

  /** The account id and password hash of a username, ignoring case. */
  Optional<Credentials> findCredentials(Sql sql, String username) {
    Optional<Long> id = findIdByUsername(sql, username);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return sql.one(
        "SELECT id, password_hash FROM accounts WHERE shard = $1 AND id = $2",
        row -> new Credentials(row.getLong(0), row.getString(1)),
        Ids.shardOf(id.get()),
        id.get());
  }

  /** Locks an account's row until the transaction ends; the first lock of a write (AccountSql). */
  void lockForWrites(Sql sql, long id) {
    sql.query(
        "SELECT 1 FROM accounts WHERE shard = $1 AND id = $2 FOR NO KEY UPDATE",
        Ids.shardOf(id),
        id);
  }

  void addToCounts(Sql sql, long id, int boards, int pins) {
    sql.update(
        """
        UPDATE accounts SET board_count = board_count + $3, pin_count = pin_count + $4
        WHERE shard = $1 AND id = $2
        """,
        Ids.shardOf(id),
        id,
        boards,
        pins);
  }

  /** The id of the account with a username, ignoring case. */
  Optional<Long> findIdByUsername(Sql sql, String username) {
    return sql.one(
        "SELECT account_id FROM usernames WHERE username_key = $1",
        row -> row.getLong(0),
        usernameKey(username));
  }

  /** Adds to an account's follower and following counts. */
  void addToFollowCounts(Sql sql, long id, int followers, int following) {
    sql.update(
        """
        UPDATE accounts
        SET follower_count = follower_count + $3, following_count = following_count + $4
        WHERE shard = $1 AND id = $2
        """,
        Ids.shardOf(id),
        id,
        followers,
        following);
  }

  static String usernameKey(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  /**
   * An account with its counts less what {@code hiddenSql} (a query of one row of {@code boards}
   * and {@code pins} about the account aliased {@code a}) says to leave out, read in one statement.
   */
  Optional<Account> findLess(Sql sql, long id, String hiddenSql, boolean boards, boolean pins) {
    return sql.one(
        """
        SELECT a.id, a.username, a.created_at,
               a.board_count - CASE WHEN $3 THEN h.boards ELSE 0 END AS board_count,
               a.pin_count - CASE WHEN $4 THEN h.pins ELSE 0 END AS pin_count,
               a.follower_count, a.following_count
        FROM accounts a, LATERAL (%s) h
        WHERE a.shard = $1 AND a.id = $2
        """
            .formatted(hiddenSql),
        AccountRepository::account,
        Ids.shardOf(id),
        id,
        boards,
        pins);
  }

  private static Account account(Row row) {
    return new Account(
        row.getLong("id"),
        row.getString("username"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getInteger("board_count"),
        row.getInteger("pin_count"),
        row.getInteger("follower_count"),
        row.getInteger("following_count"));
  }

  /** What a password login checks. */
  record Credentials(long accountId, String passwordHash) {}
}
