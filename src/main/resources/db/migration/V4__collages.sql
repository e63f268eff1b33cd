-- A pin published from a collage names it.
ALTER TABLE pins ADD COLUMN collage_id bigint;

-- Shapes cut from pins' images, owned by the account that cut them; the cut pixels are a PNG blob.
CREATE TABLE cutouts (
  shard       smallint    NOT NULL,
  id          bigint      NOT NULL,
  owner_id    bigint      NOT NULL,
  pin_id      bigint      NOT NULL,
  polygon     jsonb       NOT NULL,
  width       integer     NOT NULL,
  height      integer     NOT NULL,
  blob_key    text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, owner_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);

-- Global lookup: the cutouts made from a pin (the pin may live on another shard).
CREATE TABLE pin_cutouts (
  pin_id       bigint   NOT NULL,
  cutout_id    bigint   NOT NULL,
  cutout_shard smallint NOT NULL,
  PRIMARY KEY (pin_id, cutout_id)
);

CREATE TABLE collages (
  shard             smallint    NOT NULL,
  id                bigint      NOT NULL,
  owner_id          bigint      NOT NULL,
  title             text        NOT NULL,
  document          jsonb       NOT NULL,
  version           integer     NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  remixed_from      bigint,
  source_pins       bigint[]    NOT NULL,
  published_version integer,
  published_title   text,
  published_document jsonb,
  published_sources bigint[],
  published_pin_id  bigint,
  PRIMARY KEY (shard, id),
  FOREIGN KEY (shard, owner_id) REFERENCES accounts (shard, id) ON DELETE CASCADE
);
CREATE INDEX collages_by_owner ON collages (shard, owner_id, id DESC);

-- Global lookups kept on publish: the published collages that use a pin, and that use a cutout.
CREATE TABLE pin_collages (
  pin_id        bigint   NOT NULL,
  collage_id    bigint   NOT NULL,
  collage_shard smallint NOT NULL,
  PRIMARY KEY (pin_id, collage_id)
);
CREATE TABLE cutout_collages (
  cutout_id     bigint   NOT NULL,
  collage_id    bigint   NOT NULL,
  collage_shard smallint NOT NULL,
  PRIMARY KEY (cutout_id, collage_id)
);
