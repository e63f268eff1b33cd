-- A board, a section and an account each live on one shard, so a pin's shard follows from its
-- board_id, section_id and owner_id. The planner takes columns as independent unless told, and so
-- expected a board to hold a handful of pins (the chance of its board times the chance of its
-- shard): statistics of these dependencies let it see how many pins a big board holds.
CREATE STATISTICS pins_shard_of_board (dependencies) ON shard, board_id FROM pins;
CREATE STATISTICS pins_shard_of_section (dependencies) ON shard, section_id FROM pins;
CREATE STATISTICS pins_shard_of_owner (dependencies) ON shard, owner_id FROM pins;
ANALYZE pins;
