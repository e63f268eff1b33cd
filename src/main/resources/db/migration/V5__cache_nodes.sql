-- The servers whose read caches serve, each for as long as its lease runs (see
-- platform.cache.Coherence). A server inserts a row when it starts caching (and again, as a new
-- node, after it lost its lease or its connection) and extends expires_at while it hears the
-- invalidation channel. A write's invalidation waits for an acknowledgement from every node whose
-- lease has not expired; once expired, a lease is never extended, so a node that was silent for a
-- lease time has stopped serving before any writer stops waiting for it.
CREATE TABLE cache_nodes (
  node       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  joined_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
