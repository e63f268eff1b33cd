-- The postings of public pin search: one row per word of a pin's search document, in the order of
-- (word, pin id), so that the newest pins holding a word are one backward range of the primary key
-- and two words are two such ranges walked side by side. The GIN index of pin_search answers
-- "which pins hold both words" only as a whole set: a common pair of words at a million pins is
-- thousands of matches fetched, checked and sorted (20 to 60 ms) for a page of 25. Walking ranges
-- newest first stops once the page is full, after a few hundred index entries (under a millisecond).
--
-- fields says where the pin holds the word: 4 its title (weight A), 2 its description (B), 1 its
-- board's name or its alt text (C). The rank's tiers are filters on it, and it is in the primary
-- key's leaf entries (INCLUDE), so a walk reads the index alone.
--
-- Words are compared byte by byte (COLLATE "C"): the words that start with what a user typed are
-- then one contiguous range, whatever the database's collation.
--
-- The table is derived from pin_search, and only from it: a trigger writes a pin's postings in the
-- statement that writes, changes or deletes its document (also when a pin's delete cascades to it),
-- so the postings commit with the document or not at all. There is no shard in the key: like
-- search_words, it is looked up by value across every shard, and ids order pins by time across
-- shards.
CREATE TABLE pin_terms (
  term   text COLLATE "C" NOT NULL,
  pin_id bigint   NOT NULL,
  fields smallint NOT NULL,
  CONSTRAINT pin_terms_pkey PRIMARY KEY (term, pin_id) INCLUDE (fields)
);

-- The postings in titles alone: the first tier of every query walks these, half as many entries
-- as the whole key's ranges for the same words (a seeded pin holds as many words outside its title).
CREATE INDEX pin_terms_titles ON pin_terms (term, pin_id) WHERE (fields & 4) <> 0;

-- A walk reads the index alone only where the visibility map says a page's rows are visible to
-- everybody, and the newest postings, the ones every walk starts with, are the ones a vacuum has
-- not seen yet. So vacuum after every 10,000 new postings, not after a fifth of the table, and
-- clean the indexes of the postings of deleted and edited pins each time (by default a vacuum
-- skips that when few pages hold them, and those pages stay unmarked).
ALTER TABLE pin_terms SET (
  autovacuum_vacuum_insert_threshold = 10000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_threshold = 10000,
  autovacuum_vacuum_scale_factor = 0,
  vacuum_index_cleanup = on);

-- The fields bits of a document's weights: A is the title, B the description, C and D the rest.
CREATE FUNCTION pin_term_fields(weights text[]) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((CASE WHEN 'A' = ANY(weights) THEN 4 ELSE 0 END)
        | (CASE WHEN 'B' = ANY(weights) THEN 2 ELSE 0 END)
        | (CASE WHEN 'C' = ANY(weights) OR 'D' = ANY(weights) THEN 1 ELSE 0 END))::smallint
$$;

-- Keeps a pin's postings equal to its document's words: the words it no longer holds are deleted
-- (found through the old document, one primary key lookup each), the others written or corrected.
CREATE FUNCTION pin_terms_follow_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM pin_terms t
    WHERE t.term = ANY (tsvector_to_array(OLD.document)) AND t.pin_id = OLD.pin_id
      AND (TG_OP = 'DELETE' OR NOT t.term = ANY (tsvector_to_array(NEW.document)));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO pin_terms (term, pin_id, fields)
    SELECT u.lexeme, NEW.pin_id, pin_term_fields(u.weights) FROM unnest(NEW.document) u
    ON CONFLICT (term, pin_id) DO UPDATE SET fields = excluded.fields
      WHERE pin_terms.fields <> excluded.fields;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER pin_search_terms
AFTER INSERT OR DELETE ON pin_search
FOR EACH ROW EXECUTE FUNCTION pin_terms_follow_document();

-- A document written again with the same words (an upsert of an unchanged pin) costs nothing.
CREATE TRIGGER pin_search_terms_changed
AFTER UPDATE OF document ON pin_search
FOR EACH ROW WHEN (OLD.document IS DISTINCT FROM NEW.document)
EXECUTE FUNCTION pin_terms_follow_document();

-- The documents that exist already.
INSERT INTO pin_terms (term, pin_id, fields)
SELECT u.lexeme, s.pin_id, pin_term_fields(u.weights)
FROM pin_search s, unnest(s.document) u;
