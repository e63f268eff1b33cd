-- Manual order: a board's pins, a section's pins, a board's sections and an account's boards can
-- be put in an order of the owner's choosing.
--
-- Keys. Each orderable item has a sort key, a whole number kept as numeric, and a custom list is
-- ordered by (key, id). An item never placed by hand stores NULL and its key is derived from its
-- id, times a gap of 2^20:
--   pins and boards:  coalesce(position, -id * 1048576)   newest first, as the default order
--   sections:         coalesce(position,  id * 1048576)   oldest first, as the default order
-- so custom order equals the default order until someone reorders, and a new pin or board (the
-- largest id yet) goes first. Placing an item writes its one row: the key halfway between its new
-- neighbours'. When two neighbours have no whole number left between them, the move re-spaces a
-- small window of their neighbours (a few dozen rows at most), never the whole list.
--
-- Why numeric and a derived default. Ids are 63-bit and made in bursts (one millisecond can give a
-- board consecutive ids), so keys derived from ids alone would leave no gap between neighbours,
-- and ids times a gap do not fit in a bigint; numeric has no overflow. Why nullable with no
-- default: the pins table is large and hot, and ADD COLUMN without a default changes only the
-- catalog (no rewrite, no backfill of a million rows); the expression indexes below give the
-- derived keys without storing them, so a custom page is one range scan of an index, and the
-- statements spell the same expressions so that the planner matches them.
--
-- Versions. Each board counts the moves of its pins and sections (order_version, bumped under the
-- board's row lock), and each account the moves of its boards (board_order_version, under the
-- account's row lock); an item stamps the count of the move that last wrote its key
-- (positioned_version, NULL for never). A custom walk remembers the count its first page saw and
-- later pages leave out items stamped after it, so an item moved during a walk is never shown
-- twice (it may be left out).

ALTER TABLE pins ADD COLUMN board_position numeric;
ALTER TABLE pins ADD COLUMN section_position numeric;
ALTER TABLE pins ADD COLUMN positioned_version bigint;
CREATE INDEX pins_board_order
  ON pins (shard, board_id, (coalesce(board_position, -id::numeric * 1048576)), id);
CREATE INDEX pins_section_order
  ON pins (shard, section_id, (coalesce(section_position, -id::numeric * 1048576)), id)
  WHERE section_id IS NOT NULL;

ALTER TABLE board_sections ADD COLUMN position numeric;
ALTER TABLE board_sections ADD COLUMN positioned_version bigint;
CREATE INDEX board_sections_order
  ON board_sections (shard, board_id, (coalesce(position, id::numeric * 1048576)), id);

-- A constant default is stored in the catalog only: no rewrite of either table.
ALTER TABLE boards ADD COLUMN order_version bigint NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN position numeric;
ALTER TABLE boards ADD COLUMN positioned_version bigint;
CREATE INDEX boards_owner_order
  ON boards (shard, owner_id, (coalesce(position, -id::numeric * 1048576)), id);

ALTER TABLE accounts ADD COLUMN board_order_version bigint NOT NULL DEFAULT 0;
