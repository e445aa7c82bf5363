-- Tamper-evident audit trail (README, "Audit trail: the hash chain"). Each event's hash covers
-- the previous event's hash and the event's own fields; the table is append-only.

-- hash = hex(sha256(F0 0x00 F1 0x00 … 0x00 F14)), where F0 is prev_hash and F1…F14 are the
-- event's fields in this fixed order, each as UTF-8 text, and a NULL field is the single byte
-- 0xFF. Text never contains 0x00 and UTF-8 never contains 0xFF, so the encoding is unambiguous.
-- Times are UTC with microseconds, JSON is jsonb's text: an NDJSON export carries exactly these
-- values, so anyone can recompute the hashes outside the database.
CREATE FUNCTION audit_event_hash(
  prev_hash text, seq bigint, id uuid, occurred_at timestamptz, actor_id uuid, actor_label text,
  action text, entity_type text, entity_id text, before jsonb, after jsonb, reason text,
  request_id text, ip text, user_agent text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(
    coalesce(textsend(prev_hash), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(seq::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(id::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(actor_id::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(actor_label), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(action), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(entity_type), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(entity_id), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(before::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(after::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(reason), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(request_id), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(ip), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(user_agent), '\xff'::bytea)
  ), 'hex')
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
  NEW.hash := audit_event_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_id,
    NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.reason,
    NEW.request_id, NEW.ip, NEW.user_agent);
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
    h := audit_event_hash(prev, r.seq, r.id, r.occurred_at, r.actor_id, r.actor_label, r.action,
      r.entity_type, r.entity_id, r.before, r.after, r.reason, r.request_id, r.ip, r.user_agent);
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
