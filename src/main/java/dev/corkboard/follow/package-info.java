/**
 * Follows: accounts following accounts and boards, the lists of both directions, and the counts
 * they keep.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>{@code user_follows(shard, follower_id, followee_id)}: an explicit follow of an account, on
 *       the follower's shard, with a reverse index on the followee's shard and id (its followers).
 *   <li>{@code board_follows(shard, follower_id, board_id)}: an explicit choice about a board, on
 *       the follower's shard: {@code follows = true}, the follower follows the board; {@code
 *       follows = false}, the follower follows the board's owner and unfollowed this board. Such an
 *       unfollow exists only while the follow of the owner does: it is forgotten when the follower
 *       unfollows the owner (following the owner again follows all of the owner's public boards). A
 *       reverse index on the board's shard and id lists the choices about one board; rows go with
 *       their board when it is deleted.
 * </ul>
 *
 * Each row lives on the follower's shard, so a follower's lists are index ranges of one shard; the
 * reverse indexes span shards. The foreign keys to the followed account and board are the only ones
 * in the schema that cross shards: a distributed engine would keep the reverse direction as a table
 * of its own on the followed side and remove a deleted board's rows in the deletion itself.
 *
 * <p>Following an account follows its public boards, present and future, except those the follower
 * unfollowed. So the feed asks, each in one statement over index ranges ({@link FollowSql}):
 *
 * <ul>
 *   <li>which boards account A follows: its {@code board_follows} with {@code follows}, plus the
 *       public boards of every account in its {@code user_follows}, less the boards with an
 *       unfollow row of A ({@link FollowSql#FOLLOWED_BOARDS});
 *   <li>who follows board B of owner O: O's followers (the reverse index of {@code user_follows})
 *       less those with an unfollow of B, plus the explicit followers of B who do not follow O
 *       ({@link FollowSql#OWNER_FOLLOWERS_BEFORE} and {@link FollowSql#DIRECT_FOLLOWERS_BEFORE}).
 * </ul>
 *
 * Only public boards are followed, listed or counted, for everybody: the lists join the board and
 * keep it only while it is public, so a board that turns secret drops out of every list and count
 * at once, and comes back with its followers if it turns public again.
 *
 * <h2>Counts</h2>
 *
 * <ul>
 *   <li>An account's {@code follower_count} is the number of accounts that follow it explicitly
 *       (those {@code followers/list} lists); its {@code following_count} the number of accounts it
 *       follows explicitly. Board follows and the privacy of boards do not change them.
 *   <li>A board's {@code follower_count} is the number of accounts that follow it now, explicitly
 *       or through its owner (those its followers list lists), and 0 while it is not public. It is
 *       read as the owner's {@code follower_count} plus the board's {@code direct_follower_count}
 *       (explicit followers who do not follow the owner) less its {@code unfollower_count} (the
 *       owner's followers who unfollowed it), so a follow of an account writes two account rows and
 *       the few boards of that owner the follower chose about, not every board of the owner.
 * </ul>
 *
 * Every count changes in the transaction of the follow it counts, under row locks taken in the lock
 * order of {@link dev.corkboard.platform.db}: a follow of an account locks both accounts' rows (in
 * id order), then the followee's boards it recounts; a follow of a board locks the follower's
 * account row, then the board's row, then writes the follower's choice. So concurrent follows of
 * one account or board wait for each other and the counts stay exact. Accounts and boards are not
 * held in read caches, so no cache holds a count.
 */
package dev.corkboard.follow;
