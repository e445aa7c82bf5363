-- The review badge's counters (review_request_needs: 0016; count_deltas: 0014), kept by
-- statement-level triggers in the same transaction as the change. Hand-written: drizzle-kit does
-- not generate triggers. An open request still missing approvals is counted once under the
-- sorted set of roles that can still give one ("reviews:needs:privacy_officer,steward").
-- The request rows are locked first (in id order, FOR NO KEY UPDATE: no conflict with the
-- decisions' foreign-key KEY SHARE locks) so two transactions never refresh one request at once.
CREATE FUNCTION refresh_review_needs(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM review_requests WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  WITH old AS (DELETE FROM review_request_needs WHERE request_id = ANY(ids) RETURNING roles)
  INSERT INTO count_deltas (key, delta) SELECT 'reviews:needs:' || array_to_string(roles, ','), -count(*) FROM old GROUP BY roles;
  WITH fresh AS (
    INSERT INTO review_request_needs (request_id, roles)
    SELECT r.id, array_agg(DISTINCT q.role ORDER BY q.role)
    FROM review_requests r, jsonb_to_recordset(r.required_approvals) AS q(role text, count int)
    WHERE r.id = ANY(ids) AND r.status = 'open'
      AND q.count > (SELECT count(DISTINCT a.user_id) FROM review_decisions a WHERE a.request_id = r.id AND a.decision = 'approve' AND a.role::text = q.role)
    GROUP BY r.id
    RETURNING roles
  )
  INSERT INTO count_deltas (key, delta) SELECT 'reviews:needs:' || array_to_string(roles, ','), count(*) FROM fresh GROUP BY roles;
END $$;
--> statement-breakpoint
CREATE FUNCTION counters_review_needs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT refresh_review_needs(array_agg(DISTINCT %I)) FROM new_rows HAVING count(*) > 0', col);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT refresh_review_needs(array_agg(DISTINCT %I)) FROM old_rows HAVING count(*) > 0', col);
  ELSE
    EXECUTE format('SELECT refresh_review_needs(array_agg(DISTINCT x)) FROM (SELECT %1$I AS x FROM new_rows UNION SELECT %1$I FROM old_rows) r HAVING count(*) > 0', col);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER review_requests_needs_insert AFTER INSERT ON review_requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('id');
--> statement-breakpoint
CREATE TRIGGER review_requests_needs_update AFTER UPDATE ON review_requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('id');
--> statement-breakpoint
CREATE TRIGGER review_requests_needs_delete AFTER DELETE ON review_requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('id');
--> statement-breakpoint
CREATE TRIGGER review_decisions_needs_insert AFTER INSERT ON review_decisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('request_id');
--> statement-breakpoint
CREATE TRIGGER review_decisions_needs_update AFTER UPDATE ON review_decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('request_id');
--> statement-breakpoint
CREATE TRIGGER review_decisions_needs_delete AFTER DELETE ON review_decisions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION counters_review_needs('request_id');
--> statement-breakpoint
SELECT refresh_review_needs(array_agg(id)) FROM review_requests WHERE status = 'open' HAVING count(*) > 0;
