-- Counters for the dashboard and the findings card (count_deltas, segment_finding_keys: 0014),
-- kept by statement-level triggers in the same transaction as the change, so a count can never
-- disagree with the rows it counts. Hand-written: drizzle-kit does not generate triggers.
-- A statement adds one count_deltas row per key it changes (net of its own inserts and deletes).
CREATE FUNCTION count_keys_segment(status text, consent_changed boolean) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'segments:' || status
  UNION ALL SELECT 'segments:consent_changed' WHERE consent_changed AND status <> 'retired'
$$;
--> statement-breakpoint
CREATE FUNCTION counters_segments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO count_deltas (key, delta)
    SELECT k, count(*) FROM new_rows r, count_keys_segment(r.status::text, r.consent_changed_upstream) k GROUP BY k;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO count_deltas (key, delta)
    SELECT k, -count(*) FROM old_rows r, count_keys_segment(r.status::text, r.consent_changed_upstream) k GROUP BY k;
  ELSE
    INSERT INTO count_deltas (key, delta)
    SELECT k, sum(d) FROM (
      SELECT k, 1 AS d FROM new_rows r, count_keys_segment(r.status::text, r.consent_changed_upstream) k
      UNION ALL SELECT k, -1 FROM old_rows r, count_keys_segment(r.status::text, r.consent_changed_upstream) k
    ) c GROUP BY k HAVING sum(d) <> 0;
    -- A new head version or a status change decides which findings count.
    PERFORM refresh_segment_finding_keys(array_agg(n.id))
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.version <> o.version OR (n.status = 'retired') <> (o.status = 'retired')
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Active (not retired) rows of a table with retired_at: signals and data_sources.
CREATE FUNCTION counters_active() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text := TG_ARGV[0];
  n bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO n FROM new_rows WHERE retired_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT -count(*) INTO n FROM old_rows WHERE retired_at IS NULL;
  ELSE
    SELECT (SELECT count(*) FROM new_rows WHERE retired_at IS NULL) - (SELECT count(*) FROM old_rows WHERE retired_at IS NULL) INTO n;
  END IF;
  IF n <> 0 THEN INSERT INTO count_deltas (key, delta) VALUES (k, n); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Review requests still waiting for a decision: open or sent back for changes.
CREATE FUNCTION counters_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO n FROM new_rows WHERE status IN ('open', 'changes_requested');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT -count(*) INTO n FROM old_rows WHERE status IN ('open', 'changes_requested');
  ELSE
    SELECT (SELECT count(*) FROM new_rows WHERE status IN ('open', 'changes_requested')) - (SELECT count(*) FROM old_rows WHERE status IN ('open', 'changes_requested')) INTO n;
  END IF;
  IF n <> 0 THEN INSERT INTO count_deltas (key, delta) VALUES ('reviews:open', n); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Re-decides segment_finding_keys for some segments and records the net change per check. The
-- segment rows are locked first (in id order, FOR NO KEY UPDATE: no conflict with foreign-key
-- KEY SHARE locks) so two transactions never refresh one segment at once and leave duplicates.
-- Exceptions count whatever their expiry (the clock is the reader's; see counts.ts).
CREATE FUNCTION refresh_segment_finding_keys(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM segments WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  WITH old AS (
    DELETE FROM segment_finding_keys WHERE segment_id = ANY(ids) RETURNING policy_key, blocked, waived, warned
  ), fresh AS (
    INSERT INTO segment_finding_keys (segment_id, policy_key, blocked, waived, warned, waiver_expires_at)
    SELECT f.segment_id, f.policy_key,
      coalesce(bool_or(f.severity = 'block' AND e.expires_at IS NULL), false),
      coalesce(bool_or(f.severity = 'block' AND e.expires_at IS NOT NULL), false),
      coalesce(bool_or(f.severity = 'warn'), false),
      min(e.expires_at)
    FROM segment_findings f
    JOIN segments s ON s.id = f.segment_id AND s.version = f.segment_version AND s.status <> 'retired'
    LEFT JOIN LATERAL (
      SELECT max(x.expires_at) AS expires_at FROM policy_exceptions x
      WHERE x.segment_id = f.segment_id AND x.fingerprint = f.fingerprint AND x.revoked_at IS NULL
    ) e ON f.severity = 'block'
    WHERE f.segment_id = ANY(ids)
    GROUP BY f.segment_id, f.policy_key
    RETURNING policy_key, blocked, waived, warned
  ), d AS (
    SELECT policy_key, blocked::int AS b, waived::int AS w, warned::int AS n FROM fresh
    UNION ALL SELECT policy_key, -blocked::int, -waived::int, -warned::int FROM old
  )
  INSERT INTO count_deltas (key, delta)
  SELECT x.k, sum(x.v) FROM d, LATERAL (VALUES ('findings:blocked:' || d.policy_key, d.b), ('findings:waived:' || d.policy_key, d.w), ('findings:warned:' || d.policy_key, d.n)) AS x(k, v)
  GROUP BY x.k HAVING sum(x.v) <> 0;
END $$;
--> statement-breakpoint
CREATE FUNCTION counters_findings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_segment_finding_keys(array_agg(DISTINCT segment_id)) FROM new_rows HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_segment_finding_keys(array_agg(DISTINCT segment_id)) FROM old_rows HAVING count(*) > 0;
  ELSE
    PERFORM refresh_segment_finding_keys(array_agg(DISTINCT segment_id)) FROM (SELECT segment_id FROM new_rows UNION SELECT segment_id FROM old_rows) r HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER segments_count_insert AFTER INSERT ON segments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_segments();
--> statement-breakpoint
CREATE TRIGGER segments_count_update AFTER UPDATE ON segments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_segments();
--> statement-breakpoint
CREATE TRIGGER segments_count_delete AFTER DELETE ON segments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_segments();
--> statement-breakpoint
CREATE TRIGGER signals_count_insert AFTER INSERT ON signals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('signals:active');
--> statement-breakpoint
CREATE TRIGGER signals_count_update AFTER UPDATE ON signals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('signals:active');
--> statement-breakpoint
CREATE TRIGGER signals_count_delete AFTER DELETE ON signals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('signals:active');
--> statement-breakpoint
CREATE TRIGGER data_sources_count_insert AFTER INSERT ON data_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('sources:active');
--> statement-breakpoint
CREATE TRIGGER data_sources_count_update AFTER UPDATE ON data_sources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('sources:active');
--> statement-breakpoint
CREATE TRIGGER data_sources_count_delete AFTER DELETE ON data_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_active('sources:active');
--> statement-breakpoint
CREATE TRIGGER review_requests_count_insert AFTER INSERT ON review_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_reviews();
--> statement-breakpoint
CREATE TRIGGER review_requests_count_update AFTER UPDATE ON review_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_reviews();
--> statement-breakpoint
CREATE TRIGGER review_requests_count_delete AFTER DELETE ON review_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_reviews();
--> statement-breakpoint
CREATE TRIGGER segment_findings_count_insert AFTER INSERT ON segment_findings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
CREATE TRIGGER segment_findings_count_update AFTER UPDATE ON segment_findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
CREATE TRIGGER segment_findings_count_delete AFTER DELETE ON segment_findings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
CREATE TRIGGER policy_exceptions_count_insert AFTER INSERT ON policy_exceptions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
CREATE TRIGGER policy_exceptions_count_update AFTER UPDATE ON policy_exceptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
CREATE TRIGGER policy_exceptions_count_delete AFTER DELETE ON policy_exceptions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_findings();
--> statement-breakpoint
-- Counts of the data already there (the triggers above keep them from here on).
INSERT INTO count_deltas (key, delta) SELECT k, count(*) FROM segments s, count_keys_segment(s.status::text, s.consent_changed_upstream) k GROUP BY k;
--> statement-breakpoint
INSERT INTO count_deltas (key, delta) SELECT 'signals:active', count(*) FROM signals WHERE retired_at IS NULL HAVING count(*) > 0;
--> statement-breakpoint
INSERT INTO count_deltas (key, delta) SELECT 'sources:active', count(*) FROM data_sources WHERE retired_at IS NULL HAVING count(*) > 0;
--> statement-breakpoint
INSERT INTO count_deltas (key, delta) SELECT 'reviews:open', count(*) FROM review_requests WHERE status IN ('open', 'changes_requested') HAVING count(*) > 0;
--> statement-breakpoint
SELECT refresh_segment_finding_keys(array_agg(id)) FROM segments HAVING count(*) > 0;
