-- A board's owner may hand the board to one of its editors. The board stays where it was made: its
-- id, and the ids of its sections and pins, name that shard, and clients hold those ids. So a
-- board's owner may now live on another shard than the board. The board's row says who owns it
-- (owner_id, with owner_shard derived from that id), and away_boards finds, from the owner's shard,
-- the boards it owns elsewhere: every list of an owner's boards or pins reads its own shard and
-- the few shards this table names.

-- The shard of an id (Ids.shardOf): bits 10 to 21.
CREATE FUNCTION shard_of(id bigint) RETURNS smallint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ((id >> 10) & 4095)::smallint;

-- The owner's account is found by the owner's shard, which is the board's own until a transfer.
ALTER TABLE boards ADD COLUMN owner_shard smallint GENERATED ALWAYS AS (shard_of(owner_id)) STORED;
ALTER TABLE boards DROP CONSTRAINT boards_shard_owner_id_fkey;
ALTER TABLE boards
  ADD FOREIGN KEY (owner_shard, owner_id) REFERENCES accounts (shard, id) ON DELETE CASCADE;

-- owner owns board, which lives on another shard (it was handed to owner). Belongs to the owner
-- (its shard first); a board has at most one such row, that of its present owner.
CREATE TABLE away_boards (
  shard       smallint NOT NULL, -- the owner's
  owner_id    bigint   NOT NULL,
  board_shard smallint NOT NULL,
  board_id    bigint   NOT NULL,
  PRIMARY KEY (shard, owner_id, board_id),
  FOREIGN KEY (shard, owner_id) REFERENCES accounts (shard, id) ON DELETE CASCADE,
  FOREIGN KEY (board_shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE
);
-- A board's row here, which its next transfer replaces: on the board's shard, for the cascade.
CREATE INDEX away_boards_by_board ON away_boards (board_shard, board_id);

COMMENT ON COLUMN board_follows.owner_id IS
  'the board''s owner, rewritten with the board''s follow choices when the board changes owner';
COMMENT ON COLUMN pins.owner_id IS
  'the owner of the pin''s board, rewritten with the board''s pins when the board changes owner';
