package dev.corkboard.account;

import dev.corkboard.platform.id.Ids;

/**
 * The account feature's SQL for statements of other features: the name of a row's owner, read in
 * the same statement, and the pin count a one-statement write keeps together with its pin. Other
 * features touch the accounts table only through these fragments.
 */
public final class AccountSql {

  private AccountSql() {}

  /**
   * Joins the owner of the rows aliased {@code alias} (rows with an {@code owner_id} column) as
   * {@code a}; the statement then reads {@code a.username}. The owner's shard is its id's: a board
   * handed to another account, and its pins, live on another shard than their owner.
   */
  public static String joinOwner(String alias) {
    return joinAccount(Ids.shardSql(alias + ".owner_id"), alias + ".owner_id", "a");
  }

  /**
   * Joins the account whose shard and id the SQL expressions {@code shard} and {@code id} give, as
   * {@code as}; the statement then reads {@code as.username} (and, for a board's owner, {@code
   * as.follower_count}, which {@code BoardSql} reads).
   */
  public static String joinAccount(String shard, String id, String as) {
    return "JOIN accounts %s ON %s.shard = %s AND %s.id = %s".formatted(as, as, shard, as, id);
  }

  /**
   * A query that locks the row of account {@code account} on shard {@code shard} until the
   * transaction ends, when {@code condition} (an SQL boolean expression) holds, and answers its
   * {@code id}. A one-statement write makes it the first lock it takes, as every write takes its
   * account's row first (the lock order of {@link dev.corkboard.platform.db}): the statement's
   * other writes join this query's row, so they run after it. Each argument names a parameter, such
   * as {@code "$3"}.
   */
  public static String lockOwner(String shard, String account, String condition) {
    return "SELECT a.id FROM accounts a WHERE a.shard = %s AND a.id = %s AND %s FOR NO KEY UPDATE"
        .formatted(shard, account, condition);
  }

  /**
   * The body of a data-modifying {@code WITH} entry that adds one to the pin count of the owner of
   * each row of {@code new_pin} (a {@code WITH} entry returning {@code shard} and {@code
   * owner_id}).
   */
  public static final String COUNT_NEW_PIN =
      """
      UPDATE accounts a SET pin_count = a.pin_count + 1
      FROM new_pin n WHERE a.shard = %s AND a.id = n.owner_id"""
          .formatted(Ids.shardSql("n.owner_id"));
}
