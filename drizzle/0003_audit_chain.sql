-- Tamper-evident audit trail (README, "Audit trail"). Each event is hashed over the previous
-- event's hash and a canonical encoding of its own fields; the table is append-only.

-- The canonical encoding: a JSON array of the event's fields in a fixed order, as PostgreSQL's
-- jsonb prints it. Timestamps are UTC with microseconds, so the text is reproducible outside the
-- database from an NDJSON export.
CREATE FUNCTION audit_canonical(
  seq bigint, id uuid, occurred_at timestamptz, actor_id uuid, actor_label text, action text,
  entity_type text, entity_id text, before jsonb, after jsonb, reason text, request_id text,
  ip text, user_agent text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_array(
    seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    actor_id, actor_label, action, entity_type, entity_id, before, after, reason, request_id,
    ip, user_agent
  )::text
$$;
--> statement-breakpoint
-- hash = hex(sha256(utf8(prev_hash || "\n" || canonical))); the first event's prev_hash is 64 zeros.
CREATE FUNCTION audit_hash(prev_hash text, canonical text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Appends one event to the chain. The advisory lock (held to commit) serialises writers, and the
-- chain position is assigned under it: identity values are drawn before this trigger runs, so
-- they could be out of lock order. No "head" row is updated, so no row versions pile up.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(4851700317);
  SELECT e.seq, e.hash INTO last_seq, last_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_hash(NEW.prev_hash, audit_canonical(
    NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_label, NEW.action, NEW.entity_type,
    NEW.entity_id, NEW.before, NEW.after, NEW.reason, NEW.request_id, NEW.ip, NEW.user_agent));
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Events written before the chain existed are chained in their seq order.
DO $$
DECLARE
  r audit_events%ROWTYPE;
  prev text := repeat('0', 64);
  h text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY seq LOOP
    h := audit_hash(prev, audit_canonical(
      r.seq, r.id, r.occurred_at, r.actor_id, r.actor_label, r.action, r.entity_type,
      r.entity_id, r.before, r.after, r.reason, r.request_id, r.ip, r.user_agent));
    UPDATE audit_events SET prev_hash = prev, hash = h WHERE seq = r.seq;
    prev := h;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;
--> statement-breakpoint
-- Named to sort last: BEFORE triggers fire in name order, and the hash must cover final values.
CREATE TRIGGER zz_audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
