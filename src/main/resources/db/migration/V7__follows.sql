-- Follows: an account follows accounts and boards. Following an account follows its public boards,
-- present and future, except those the follower unfollowed one by one. Both tables belong to the
-- follower (its shard first); the reverse indexes page the followers of an account or a board.

-- A board's follower count is read as its owner's follower_count plus direct_follower_count less
-- unfollower_count (and 0 while the board is not public), so a follow of an account changes one
-- row, not one per board. The column that was always 0 becomes the first of those two terms.
ALTER TABLE boards RENAME COLUMN follower_count TO direct_follower_count;
COMMENT ON COLUMN boards.direct_follower_count IS
  'accounts that follow this board explicitly and do not follow its owner';
ALTER TABLE boards
  ADD COLUMN unfollower_count integer NOT NULL DEFAULT 0 CHECK (unfollower_count >= 0);
COMMENT ON COLUMN boards.unfollower_count IS
  'accounts that follow the owner and unfollowed this board';

-- follower follows followee (an explicit user follow).
CREATE TABLE user_follows (
  shard          smallint    NOT NULL, -- the follower's
  follower_id    bigint      NOT NULL,
  followee_shard smallint    NOT NULL,
  followee_id    bigint      NOT NULL,
  id             bigint      NOT NULL, -- made on the follower's shard: orders the follows by time
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, follower_id, followee_id),
  FOREIGN KEY (shard, follower_id) REFERENCES accounts (shard, id) ON DELETE CASCADE,
  FOREIGN KEY (followee_shard, followee_id) REFERENCES accounts (shard, id) ON DELETE CASCADE,
  CHECK (follower_id <> followee_id)
);
-- Whom an account follows, newest first.
CREATE INDEX user_follows_by_follower ON user_follows (shard, follower_id, id DESC);
-- Who follows an account, newest first: the reverse direction, on the followee's shard.
CREATE INDEX user_follows_by_followee ON user_follows (followee_shard, followee_id, id DESC)
  INCLUDE (shard, follower_id);

-- follower's explicit choice about one board: follows = true, it follows the board; follows =
-- false, it follows the board's owner and unfollowed this board (such a row exists only while the
-- follower follows the owner).
CREATE TABLE board_follows (
  shard       smallint    NOT NULL, -- the follower's
  follower_id bigint      NOT NULL,
  board_shard smallint    NOT NULL, -- the board's owner's
  board_id    bigint      NOT NULL,
  owner_id    bigint      NOT NULL, -- the board's owner (boards never change owner)
  follows     boolean     NOT NULL,
  id          bigint      NOT NULL, -- made on the follower's shard when the choice was last made
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, follower_id, board_id),
  FOREIGN KEY (shard, follower_id) REFERENCES accounts (shard, id) ON DELETE CASCADE,
  FOREIGN KEY (board_shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE
);
-- The boards an account follows explicitly, newest first.
CREATE INDEX board_follows_by_follower ON board_follows (shard, follower_id, id DESC)
  WHERE follows;
-- An account's choices about the boards of one owner, which a follow or unfollow of the owner
-- revisits.
CREATE INDEX board_follows_by_owner ON board_follows (shard, follower_id, owner_id);
-- Who chose about a board, newest first: the reverse direction, on the board's shard.
CREATE INDEX board_follows_by_board ON board_follows (board_shard, board_id, id DESC)
  INCLUDE (shard, follower_id, follows);
