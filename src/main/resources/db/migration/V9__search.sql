-- Search lives in PostgreSQL: text search documents with GIN indexes, and trigrams of the words
-- they hold for tolerance of typos. pg_trgm is a trusted extension: the database owner may add it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A pin's search document: its title (weight A), description (B), and its board's name and its
-- alt text (C), parsed with the 'simple' configuration (lower case, no stemming, no stop words), so
-- a word of any language matches as written. Kept apart from the pin so that a write of the pin
-- never waits on the index; who may see the pin is decided at read time from its board's current
-- privacy, never from this row.
CREATE TABLE pin_search (
  shard    smallint NOT NULL,
  pin_id   bigint   NOT NULL,
  document tsvector NOT NULL,
  PRIMARY KEY (shard, pin_id),
  FOREIGN KEY (shard, pin_id) REFERENCES pins (shard, id) ON DELETE CASCADE
);
CREATE INDEX pin_search_document ON pin_search USING gin (document);

-- A board's search document: its name (weight A) and description (B).
CREATE TABLE board_search (
  shard    smallint NOT NULL,
  board_id bigint   NOT NULL,
  document tsvector NOT NULL,
  PRIMARY KEY (shard, board_id),
  FOREIGN KEY (shard, board_id) REFERENCES boards (shard, id) ON DELETE CASCADE
);
CREATE INDEX board_search_document ON board_search USING gin (document);

-- Every word of four letters or more that a document has held (global lookup by value): the
-- candidates a misspelt query word of five letters or more may have meant, found by trigrams.
-- Words are never removed; one no document holds any more only costs a query term that matches
-- nothing.
CREATE TABLE search_words (
  word text PRIMARY KEY
);
CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops);

-- The pins and boards that exist already.
INSERT INTO pin_search (shard, pin_id, document)
SELECT p.shard, p.id,
       setweight(to_tsvector('simple', coalesce(p.title, '')), 'A')
       || setweight(to_tsvector('simple', coalesce(p.description, '')), 'B')
       || setweight(to_tsvector('simple', b.name || ' ' || coalesce(p.alt_text, '')), 'C')
FROM pins p JOIN boards b ON b.shard = p.shard AND b.id = p.board_id;
INSERT INTO board_search (shard, board_id, document)
SELECT b.shard, b.id,
       setweight(to_tsvector('simple', b.name), 'A')
       || setweight(to_tsvector('simple', coalesce(b.description, '')), 'B')
FROM boards b;
INSERT INTO search_words (word)
SELECT DISTINCT w.lexeme
FROM (SELECT document FROM pin_search UNION ALL SELECT document FROM board_search) d,
     unnest(d.document) w
WHERE length(w.lexeme) >= 4;
