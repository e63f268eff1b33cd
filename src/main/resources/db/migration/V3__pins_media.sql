-- Distinct originals, addressed by the SHA-256 of their bytes (global lookup by value).
CREATE TABLE media (
  sha256         text        PRIMARY KEY,
  state          text        NOT NULL CHECK (state IN ('processing', 'ready', 'failed')),
  failure        text,
  format         text        NOT NULL,
  width          integer     NOT NULL,
  height         integer     NOT NULL,
  byte_size      bigint      NOT NULL,
  dominant_color text,
  variants       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Where a pin's image came from: a URL still being fetched, or bytes already stored. A save
-- shares the source of the pin it saves, so the bytes are never copied.
CREATE TABLE media_sources (
  id         bigint      PRIMARY KEY,
  url        text,
  state      text        NOT NULL CHECK (state IN ('fetching', 'fetched', 'failed')),
  failure    text,
  sha256     text        REFERENCES media (sha256),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_sources_by_sha256 ON media_sources (sha256);

CREATE TABLE pins (
  shard          smallint    NOT NULL,
  id             bigint      NOT NULL,
  owner_id       bigint      NOT NULL,
  board_id       bigint      NOT NULL,
  section_id     bigint,
  title          text,
  description    text,
  link           text,
  alt_text       text,
  dominant_color text,
  parent_pin_id  bigint,
  creative_type  text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE,
  FOREIGN KEY (shard, section_id) REFERENCES board_sections (shard, id) ON DELETE SET NULL (section_id)
);
-- Board and section pages (most recently saved first) and the owner's pins, each one range scan.
CREATE INDEX pins_by_board ON pins (shard, board_id, id DESC);
CREATE INDEX pins_by_section ON pins (shard, section_id, id DESC) WHERE section_id IS NOT NULL;
CREATE INDEX pins_by_owner ON pins (shard, owner_id, id DESC);

-- The images of a pin in order (one, or 2 to 5 for a carousel).
CREATE TABLE pin_media (
  shard       smallint NOT NULL,
  pin_id      bigint   NOT NULL,
  position    smallint NOT NULL,
  source_id   bigint   NOT NULL REFERENCES media_sources (id),
  title       text,
  description text,
  link        text,
  PRIMARY KEY (shard, pin_id, position),
  FOREIGN KEY (shard, pin_id) REFERENCES pins (shard, id) ON DELETE CASCADE
);
CREATE INDEX pin_media_by_source ON pin_media (source_id);
