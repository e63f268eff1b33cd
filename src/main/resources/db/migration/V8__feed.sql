-- The home feed: the pins fanned out to each follower of an ordinary account, written by the
-- feed.fan_out job after the pin commits. An entry belongs to the reader (its shard first), so a
-- feed page is one index range of one shard. Pin ids are time-ordered, so newest first is pin_id
-- descending, and the primary key makes a repeated fan-out write nothing twice.
--
-- An entry is only a hint: a read keeps it only while its pin exists, on a public board the reader
-- still follows and does not own, so deleting a pin, a board turning secret and an unfollow need
-- no write here. Entries of deleted pins go when the feed is trimmed to its newest entries.
CREATE TABLE feed_entries (
  shard      smallint NOT NULL, -- the reader's
  account_id bigint   NOT NULL, -- the reader
  pin_id     bigint   NOT NULL, -- on the pin's own shard, which its id carries
  PRIMARY KEY (shard, account_id, pin_id),
  FOREIGN KEY (shard, account_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);
