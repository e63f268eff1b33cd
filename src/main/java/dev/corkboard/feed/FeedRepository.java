package dev.corkboard.feed;

import dev.corkboard.account.AccountSql;
import dev.corkboard.board.BoardSql;
import dev.corkboard.follow.FollowSql;
import dev.corkboard.follow.Following;
import dev.corkboard.pin.PinSql;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import java.util.List;
import java.util.Optional;

/** Stores home feed entries in PostgreSQL and reads a page of a feed in one statement. */
final class FeedRepository {

  /**
   * A pin to fan out: its board and owner, and the owner's follower count, which decides between
   * writing the pin to every follower's feed and merging it at read time.
   *
   * @param boardId the pin's board, public when read
   * @param ownerId the pin's owner, the board's
   * @param ownerFollowers the accounts that follow the owner
   */
  record Source(long boardId, long ownerId, int ownerFollowers) {}

  /**
   * A step of a fan-out: the followers it reached and the follow it stopped at, where the next
   * starts.
   *
   * @param followers the followers of this step, at most the batch
   * @param lastFollow the id of the last follow read, newest first
   */
  record Step(List<Long> followers, long lastFollow) {}

  private static final String SOURCE =
      """
      SELECT p.board_id, p.owner_id, a.follower_count
      FROM (SELECT $1::smallint AS shard, $2::bigint AS id) want
      %s
      %s
      %s
      """
          .formatted(
              PinSql.joinPin("want.shard", "want.id"),
              BoardSql.joinFeedBoard("p.shard", "p.board_id"),
              AccountSql.joinOwner("p"));

  /** The pin {@code pinId} if it still is on a public board, with what its fan-out needs. */
  Optional<Source> source(Sql sql, long pinId) {
    return sql.one(
        SOURCE,
        row -> new Source(row.getLong(0), row.getLong(1), row.getInteger(2)),
        Ids.shardOf(pinId),
        pinId);
  }

  // One batch of a board's followers (FollowSql's *_FOLLOWERS_BEFORE, $1 to $5), and the entry of
  // the pin $6 for each; an entry already there (a job run again) is kept as it is. The followers
  // are answered whether or not their entry was new, so the next batch starts after them.
  private static final String WRITE_BATCH =
      """
      WITH batch AS MATERIALIZED (%s),
      written AS (
        INSERT INTO feed_entries (shard, account_id, pin_id)
        SELECT shard, follower_id, $6 FROM batch
        ON CONFLICT DO NOTHING)
      SELECT shard, follower_id, id FROM batch ORDER BY id DESC
      """;

  private static final String WRITE_OWNERS_FOLLOWERS =
      WRITE_BATCH.formatted(FollowSql.OWNER_FOLLOWERS_BEFORE);
  private static final String WRITE_DIRECT_FOLLOWERS =
      WRITE_BATCH.formatted(FollowSql.DIRECT_FOLLOWERS_BEFORE);

  /**
   * Writes the pin {@code pinId} of {@code source} to the feeds of the next {@code batch} of its
   * board's followers whose follow is older than {@code beforeFollow}: of the owner's followers, or
   * ({@code direct}) of the board's own; empty when there are no more.
   */
  Optional<Step> writeBatch(
      Sql sql, long pinId, Source source, boolean direct, long beforeFollow, int batch) {
    List<long[]> rows =
        sql.list(
            direct ? WRITE_DIRECT_FOLLOWERS : WRITE_OWNERS_FOLLOWERS,
            row -> new long[] {row.getLong(1), row.getLong(2)},
            Ids.shardOf(pinId),
            source.ownerId(),
            source.boardId(),
            beforeFollow,
            batch,
            pinId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Step(rows.stream().map(r -> r[0]).toList(), rows.getLast()[1]));
  }

  // For each account, the entry just older than its newest $2 and all older ones, found by one
  // backward range of its primary key.
  private static final String TRIM =
      """
      DELETE FROM feed_entries fe
      USING (SELECT w.id AS account_id, %s AS shard,
                    (SELECT x.pin_id FROM feed_entries x
                     WHERE x.shard = %s AND x.account_id = w.id
                     ORDER BY x.pin_id DESC OFFSET $2 LIMIT 1) AS cut
             FROM unnest($1::bigint[]) w(id)) d
      WHERE fe.shard = d.shard AND fe.account_id = d.account_id AND fe.pin_id <= d.cut
      """
          .formatted(Ids.shardSql("w.id"), Ids.shardSql("w.id"));

  /** Keeps the newest {@code keep} entries of each of the feeds of {@code accounts}. */
  int trim(Sql sql, List<Long> accounts, int keep) {
    return accounts.isEmpty() ? 0 : sql.update(TRIM, accounts.toArray(Long[]::new), keep);
  }

  // The reader's follows come as three arrays (Following): the accounts it follows ($6), the
  // boards it follows explicitly ($7) and the boards of followed accounts it unfollowed ($8). An
  // entry is kept only while its pin exists on a public board those arrays follow, so a deleted
  // pin, a board turned secret, a move and an unfollow hide it at once. The test is made on the
  // page's rows only, walking the entries newest first and stopping at the page's end: it reads
  // no board the reader follows but those the page's pins are on.
  // Followed accounts of at least $5 followers are merged instead: each of their public boards
  // the reader follows gives its newest pins before the bookmark, one range of the board's index
  // (found by their ids, which name their shards). UNION keeps a pin once if it came both ways
  // (its owner crossed the threshold).
  private static final String PAGE =
      """
      WITH fanned AS (
        SELECT fe.pin_id AS id
        FROM feed_entries fe
        %s
        %s
        WHERE fe.shard = $1 AND fe.account_id = $2 AND fe.pin_id < $3 AND p.owner_id <> $2
          AND (p.board_id = ANY ($7::bigint[])
               OR (p.owner_id = ANY ($6::bigint[]) AND p.board_id <> ALL ($8::bigint[])))
        ORDER BY fe.pin_id DESC
        LIMIT $4),
      merging AS (
        SELECT b.shard, b.id AS board_id
        FROM unnest($6::bigint[]) o(id)
        %s
        %s
        WHERE a.follower_count >= $5 AND b.id <> ALL ($8::bigint[])
        UNION
        SELECT b.shard, b.id
        FROM unnest($7::bigint[]) c(id)
        %s
        %s
        WHERE a.follower_count >= $5 AND b.owner_id <> $2),
      merged AS (
        SELECT m.id
        FROM merging f
        CROSS JOIN LATERAL (%s) m)
      SELECT id FROM fanned
      UNION
      SELECT id FROM merged
      ORDER BY id DESC
      LIMIT $4
      """
          .formatted(
              PinSql.joinPin(Ids.shardSql("fe.pin_id"), "fe.pin_id"),
              BoardSql.joinFeedBoard("p.shard", "p.board_id"),
              AccountSql.joinAccount(Ids.shardSql("o.id"), "o.id", "a"),
              BoardSql.joinFeedBoardsOf("a.shard", "a.id"),
              BoardSql.joinFeedBoard(Ids.shardSql("c.id"), "c.id"),
              AccountSql.joinOwner("b"),
              PinSql.newestOnBoard("f.shard", "f.board_id", "$3", "$4"));

  /**
   * The ids of the newest {@code limit} pins of the feed of {@code accountId}, which follows {@code
   * following}, older than {@code beforeId}: its entries and the pins merged from followed accounts
   * of at least {@code mergeAbove} followers.
   */
  List<Long> page(
      Sql sql, long accountId, Following following, long beforeId, int limit, int mergeAbove) {
    return sql.list(
        PAGE,
        row -> row.getLong(0),
        Ids.shardOf(accountId),
        accountId,
        beforeId,
        limit,
        mergeAbove,
        following.accounts(),
        following.boards(),
        following.unfollowed());
  }
}
