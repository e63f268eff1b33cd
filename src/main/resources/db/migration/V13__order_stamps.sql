-- Manual order without a counter to take turns on.
--
-- A write of an item's sort key now stamps the item with the id of the transaction that wrote it
-- (positioned_version = pg_current_xact_id()), instead of a count of the moves of its board or
-- account kept in that board's or account's row. A walk of a custom-ordered list remembers the
-- snapshot its first page was read in, and its later pages leave out items whose stamp that
-- snapshot does not see (pg_visible_in_snapshot). Moves of one board therefore no longer update
-- the board's row, and run side by side under a shared lock of it.
--
-- The stamps written so far are counts, not transaction ids: a count larger than the transaction
-- ids the database has given would read as a transaction no snapshot sees, and its item would be
-- left out of every later page. They are cleared (NULL reads as never moved, which every page
-- shows). Only moved items have one, so this rewrites few rows.

UPDATE pins SET positioned_version = NULL WHERE positioned_version IS NOT NULL;
UPDATE board_sections SET positioned_version = NULL WHERE positioned_version IS NOT NULL;
UPDATE boards SET positioned_version = NULL WHERE positioned_version IS NOT NULL;

-- The counts themselves are read by nothing now. Dropping a column changes only the catalog.
ALTER TABLE boards DROP COLUMN order_version;
ALTER TABLE accounts DROP COLUMN board_order_version;
