-- Hash encoding version 2 (README, "The hash chain"): the same fields, with seq, the ids and the
-- time in their fixed-size binary forms instead of text, which takes a quarter less CPU to
-- recompute (to_char and uuid printing were most of it). Events already written keep version 1
-- and verify as before: the column is added with 1 for them (no row is updated, so the
-- append-only trigger does not fire), then new events default to 2.
ALTER TABLE "audit_events" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash_version" SET DEFAULT 2;
--> statement-breakpoint
-- hash = hex(sha256(0x02 || prev_hash || 0x00 || seq || id || occurred_at || actor
--   || F 0x00 for each F of actor_label, action, entity_type, entity_id, before, after, reason,
--   request_id, ip, user_agent)), where seq is a signed 64-bit big-endian integer, id 16 bytes,
-- occurred_at the signed 64-bit big-endian count of microseconds since 2000-01-01T00:00:00Z,
-- actor 0x00 when actor_id is null or 0x01 and its 16 bytes, and each F its UTF-8 text (JSON as
-- jsonb prints it) or the single byte 0xFF when null. Text never contains 0x00 and UTF-8 never
-- contains 0xFF, so the encoding is unambiguous.
CREATE FUNCTION audit_event_hash_v2(
  prev_hash text, seq bigint, id uuid, occurred_at timestamptz, actor_id uuid, actor_label text,
  action text, entity_type text, entity_id text, before jsonb, after jsonb, reason text,
  request_id text, ip text, user_agent text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(
    '\x02'::bytea || textsend(prev_hash) || '\x00'::bytea || int8send(seq) || uuid_send(id) || timestamptz_send(occurred_at) ||
    CASE WHEN actor_id IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(actor_id) END ||
    coalesce(textsend(actor_label), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(action), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(entity_type), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(entity_id), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(before::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(after::text), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(reason), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(request_id), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(ip), '\xff'::bytea) || '\x00'::bytea ||
    coalesce(textsend(user_agent), '\xff'::bytea) || '\x00'::bytea
  ), 'hex')
$$;
--> statement-breakpoint
-- As in 0003, now writing version 2 whatever the INSERT asked for.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(4851700317);
  SELECT e.seq, e.hash INTO last_seq, last_hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash_version := 2;
  NEW.hash := audit_event_hash_v2(NEW.prev_hash, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_id,
    NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.reason,
    NEW.request_id, NEW.ip, NEW.user_agent);
  RETURN NEW;
END
$$;
