-- Group boards: the people a board's owner shares it with, each with a role, and the board's
-- audit trail. Every table belongs to the board (the board's shard first); the reverse index
-- finds an account's memberships and invitations on the member's shard.

-- account is a member of board (state ACCEPTED) or is invited to be (state INVITED). The owner is
-- never a row here: boards.owner_id says who owns a board.
CREATE TABLE board_members (
  shard        smallint    NOT NULL, -- the board's
  board_id     bigint      NOT NULL,
  member_shard smallint    NOT NULL,
  account_id   bigint      NOT NULL,
  role         text        NOT NULL CHECK (role IN ('EDITOR', 'CONTRIBUTOR', 'VIEWER')),
  state        text        NOT NULL CHECK (state IN ('INVITED', 'ACCEPTED')),
  invited_by   bigint      NOT NULL,
  id           bigint      NOT NULL, -- made on the board's shard: orders members by invitation
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, board_id, account_id),
  FOREIGN KEY (shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE,
  FOREIGN KEY (member_shard, account_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);
-- A board's members and invitations, oldest first.
CREATE INDEX board_members_by_board ON board_members (shard, board_id, id);
-- An account's group boards and invitations, newest first.
CREATE INDEX board_members_by_account ON board_members (member_shard, account_id, id DESC)
  INCLUDE (shard, board_id, state, role);
COMMENT ON COLUMN boards.collaborator_count IS 'rows of board_members in state ACCEPTED';

-- Who added, moved, edited or removed which pin or section of a board, and who joined or left,
-- written in the transaction of the change. A board's trail goes with the board.
CREATE TABLE board_activity (
  shard       smallint    NOT NULL, -- the board's
  board_id    bigint      NOT NULL,
  id          bigint      NOT NULL, -- made on the board's shard: orders the trail by time
  actor_id    bigint      NOT NULL,
  action      text        NOT NULL,
  object_type text        NOT NULL CHECK (object_type IN ('PIN', 'SECTION', 'MEMBER', 'BOARD')),
  object_id   bigint      NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, board_id, id),
  FOREIGN KEY (shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE
);

-- A pin's author: who put it on its board, when that is not the board's owner (NULL: the owner).
ALTER TABLE pins ADD COLUMN pinner_id bigint;

-- An archived board is read-only for everyone and left out of its owner's default lists, feeds
-- and recommendations; NULL while it is not archived.
ALTER TABLE boards ADD COLUMN archived_at timestamptz;

-- The boards that may feed nobody else, read whole by related pins after a change of privacy or
-- archive (a small share of all boards).
CREATE INDEX boards_hidden ON boards (id) WHERE privacy <> 'PUBLIC' OR archived_at IS NOT NULL;
