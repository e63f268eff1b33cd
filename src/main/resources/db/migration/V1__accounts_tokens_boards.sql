-- Process slots for id generation: a live server process holds one lease.
CREATE TABLE id_slots (
  slot       smallint PRIMARY KEY,
  holder     text,
  expires_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO id_slots (slot) SELECT generate_series(0, 15);

-- Secrets shared by every server process (for example the key that signs bookmarks).
CREATE TABLE server_secrets (
  name   text PRIMARY KEY,
  secret bytea NOT NULL
);

-- Accounts live on the shard they were given at sign-up.
CREATE TABLE accounts (
  shard           smallint    NOT NULL,
  id              bigint      NOT NULL,
  username        text        NOT NULL,
  password_hash   text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  board_count     integer     NOT NULL DEFAULT 0 CHECK (board_count >= 0),
  pin_count       integer     NOT NULL DEFAULT 0 CHECK (pin_count >= 0),
  follower_count  integer     NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  following_count integer     NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  PRIMARY KEY (shard, id)
);

-- Global lookup: a username, ignoring case, names one account.
CREATE TABLE usernames (
  username_key text     PRIMARY KEY,
  shard        smallint NOT NULL,
  account_id   bigint   NOT NULL
);

-- Access tokens as their owner sees them; the secret itself is never stored.
CREATE TABLE tokens (
  shard      smallint    NOT NULL,
  id         bigint      NOT NULL,
  account_id bigint      NOT NULL,
  name       text        NOT NULL,
  scopes     text[]      NOT NULL,
  token_hash bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, account_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);
CREATE INDEX tokens_by_account ON tokens (shard, account_id, id DESC);

-- Global lookup: the SHA-256 of a token's secret authenticates a request in one read.
CREATE TABLE token_lookup (
  token_hash bytea    PRIMARY KEY,
  shard      smallint NOT NULL,
  token_id   bigint   NOT NULL,
  account_id bigint   NOT NULL,
  scopes     text[]   NOT NULL
);

CREATE TABLE boards (
  shard                  smallint    NOT NULL,
  id                     bigint      NOT NULL,
  owner_id               bigint      NOT NULL,
  name                   text        NOT NULL,
  description            text,
  privacy                text        NOT NULL CHECK (privacy IN ('PUBLIC', 'PROTECTED', 'SECRET')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  board_pins_modified_at timestamptz NOT NULL DEFAULT now(),
  pin_count              integer     NOT NULL DEFAULT 0 CHECK (pin_count >= 0),
  follower_count         integer     NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  collaborator_count     integer     NOT NULL DEFAULT 0 CHECK (collaborator_count >= 0),
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, owner_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);
-- Newest first per owner (ids sort by creation time), and names unique per owner ignoring case.
CREATE INDEX boards_by_owner ON boards (shard, owner_id, id DESC);
CREATE UNIQUE INDEX boards_owner_name_key ON boards (shard, owner_id, lower(name));

CREATE TABLE board_sections (
  shard      smallint    NOT NULL,
  id         bigint      NOT NULL,
  board_id   bigint      NOT NULL,
  name       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE
);
CREATE INDEX board_sections_by_board ON board_sections (shard, board_id, id);
CREATE UNIQUE INDEX board_sections_board_name_key ON board_sections (shard, board_id, lower(name));
