-- Keeps search_words (0006) filled with the words people type into search: the 'simple' lexemes
-- (weights A and C: names, keys, tags, input signal names) of each catalog table's search vector.
-- Typo-tolerant search corrects each query word against this short list and then matches through
-- the full-text indexes (server/modules/catalog/search-sql.ts). Words are never removed: a stale
-- word only widens a query to a word that no row has any more.
CREATE FUNCTION search_words_of(v tsvector) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT u.lexeme FROM unnest(v) AS u
  WHERE u.weights && ARRAY['A', 'C'] AND length(u.lexeme) <= 40
    AND u.lexeme !~ '^[0-9]+$' AND u.lexeme !~ '[[:space:][:punct:]]'
$$;
--> statement-breakpoint
-- Inserts: one set-based statement per INSERT, however many rows it adds.
CREATE FUNCTION search_words_collect_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM new_rows AS r, search_words_of(r.search) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Updates: only rows whose search vector changed (status, counts and flags change none).
CREATE FUNCTION search_words_collect_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM search_words_of(NEW.search) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER data_sources_search_words_ins AFTER INSERT ON data_sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_collect_inserted();
--> statement-breakpoint
CREATE TRIGGER data_sources_search_words_upd AFTER UPDATE ON data_sources
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search) EXECUTE FUNCTION search_words_collect_updated();
--> statement-breakpoint
CREATE TRIGGER signals_search_words_ins AFTER INSERT ON signals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_collect_inserted();
--> statement-breakpoint
CREATE TRIGGER signals_search_words_upd AFTER UPDATE ON signals
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search) EXECUTE FUNCTION search_words_collect_updated();
--> statement-breakpoint
CREATE TRIGGER segments_search_words_ins AFTER INSERT ON segments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_collect_inserted();
--> statement-breakpoint
CREATE TRIGGER segments_search_words_upd AFTER UPDATE ON segments
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search) EXECUTE FUNCTION search_words_collect_updated();
--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT w FROM (
  SELECT search FROM data_sources UNION ALL SELECT search FROM signals UNION ALL SELECT search FROM segments
) AS t, search_words_of(t.search) AS w
ON CONFLICT DO NOTHING;
