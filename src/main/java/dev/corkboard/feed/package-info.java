/**
 * The home feed: {@code GET /v5/feed}, the pins saved to the boards an account follows.
 *
 * <h2>Fan-out on write, merge on read</h2>
 *
 * A new pin on a public board (created or saved) enqueues a {@code feed.fan_out} job in the
 * transaction that writes the pin (for a save, in the save's single statement), so the pin and its
 * job commit together and a crash loses no entry. The job ({@link FeedFanOut}) writes an entry
 * {@code feed_entries(shard, account_id, pin_id)} for each follower of the board (the owner's
 * followers, then the board's own: {@code FollowSql.OWNER_FOLLOWERS_BEFORE} and {@code
 * DIRECT_FOLLOWERS_BEFORE}, each once) in batches by follow id, one statement each, with {@code ON
 * CONFLICT DO NOTHING}: a job run twice writes nothing twice. It trims about one in sixteen of the
 * feeds it wrote to to their newest entries ({@code ServerConfig.Feed.keep}; see {@link
 * FeedFanOut#trimmed}). Its transactions take no row lock but the new entries' (and the key-share
 * locks of their foreign key), so it stands outside the lock order. A job writes at most {@code
 * FeedFanOut.CHUNK_BATCHES} batches and enqueues the rest, from its cursor, in its last batch's
 * transaction; past its first batch a fan-out waits for the server's pace ({@code
 * ServerConfig.Feed.fanOutRate}), so a much followed account's fan-out yields to the requests.
 *
 * <p>The pins of an account with at least {@code ServerConfig.Feed.mergeAbove} followers are not
 * written to entries: a read merges the newest pins of each followed board of such an account, one
 * range of the board's index each, so their save costs what any save costs.
 *
 * <h2>What a read filters</h2>
 *
 * An entry is a hint. A page (one statement, {@link FeedRepository#page}) keeps an entry only while
 * its pin exists on a board that is public, followed by the reader now (explicitly or through its
 * owner, less explicit unfollows: {@code follow.Following}, which the follow feature keeps in
 * memory coherently) and not the reader's. So a deleted pin, a board turning secret, a pin moved to
 * another board and an unfollow leave every feed at once without writing to any; following again
 * brings the entries back. A follow shows the pins saved after it (no backfill), except those of
 * merged accounts, whose older pins show too.
 *
 * <p>A first page is answered for {@code ServerConfig.Feed.firstPageFor} from the pins read for it,
 * filtered again at every read by the same rules, in memory ({@link FeedService}); the page made of
 * them is served again, with its body, while the pin cache shows none of its pins changed on any
 * server ({@code PinService#unchanged}).
 */
package dev.corkboard.feed;
