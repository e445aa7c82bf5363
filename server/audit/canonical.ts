/**
 * The audit chain's hash, recomputed outside the database. Pure (node:crypto only) so scripts,
 * tests and a regulator's own tooling can use it on an NDJSON export. The database computes the
 * same thing in SQL (audit_event_hash_v2 in drizzle/0011_audit_hash_v2.sql; events written
 * before it, hash_version 1, use audit_event_hash in 0003_audit_chain.sql); the README
 * documents both encodings.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of one event, as an NDJSON export writes them (snake_case, times as text). */
export interface ChainedEvent {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** 1 or 2; an export made before version 2 existed has no such field, and means 1. */
  hash_version?: number;
  prev_hash: string;
  hash: string;
}

/** The hashed fields after prev_hash, in their fixed order. */
export const CANONICAL_FIELDS = [
  "seq",
  "id",
  "occurred_at",
  "actor_id",
  "actor_label",
  "action",
  "entity_type",
  "entity_id",
  "before",
  "after",
  "reason",
  "request_id",
  "ip",
  "user_agent",
] as const;

const utf8 = (s: string) => Buffer.from(s, "utf8");

/** jsonb orders object keys by byte length, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const ab = utf8(a);
  const bb = utf8(b);
  return ab.length - bb.length || Buffer.compare(ab, bb);
}

/** A JS number as PostgreSQL's numeric prints it: plain decimal, never an exponent. */
export function numericText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a JSON number: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = "", expText] = m;
  const digits = lead! + frac;
  const point = 1 + Number(expText); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A JSON value exactly as PostgreSQL prints it as jsonb text. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return numericText(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort(jsonbKeyOrder);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(obj[k])}`).join(", ")}}`;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

/** The text of each hashed field (null stays null): JSON as jsonb prints it, seq in decimal. */
export function canonicalFields(e: Omit<ChainedEvent, "hash">): Array<string | null> {
  const fields: Array<string | null> = [e.prev_hash];
  for (const f of CANONICAL_FIELDS) {
    const v = e[f];
    if (f === "before" || f === "after") fields.push(v == null ? null : jsonbText(v));
    else fields.push(v == null ? null : String(v));
  }
  return fields;
}

const SEPARATOR = Buffer.from([0x00]);
const NULL_FIELD = Buffer.from([0xff]);

/** Version 1's hashed bytes: each field's UTF-8, 0x00 between fields, 0xFF for a null field. */
export function canonicalBytes(e: Omit<ChainedEvent, "hash">): Buffer {
  const parts: Buffer[] = [];
  canonicalFields(e).forEach((v, i) => {
    if (i > 0) parts.push(SEPARATOR);
    parts.push(v == null ? NULL_FIELD : utf8(v));
  });
  return Buffer.concat(parts);
}

/** Microseconds since 2000-01-01T00:00:00Z, PostgreSQL's own clock, from the exported time text. */
const POSTGRES_EPOCH_MICROS = 946_684_800_000_000n;
function postgresMicros(occurredAt: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/.exec(occurredAt);
  if (!m) throw new Error(`occurred_at is not in the exported form YYYY-MM-DDTHH:MM:SS.ffffffZ: ${occurredAt}`);
  const [, y, mo, d, h, mi, sec, micros] = m.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, sec!);
  return BigInt(ms) * 1000n + BigInt(micros!) - POSTGRES_EPOCH_MICROS;
}

const int64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const TEXT_FIELDS_V2 = ["actor_label", "action", "entity_type", "entity_id", "before", "after", "reason", "request_id", "ip", "user_agent"] as const;

/**
 * Version 2's hashed bytes: 0x02, prev_hash, 0x00, seq (int64), id (16 bytes), occurred_at
 * (int64 microseconds since 2000-01-01 UTC), actor_id (0x00 if null, else 0x01 and 16 bytes),
 * then each text field's UTF-8 (or 0xFF for null) followed by 0x00.
 */
export function canonicalBytesV2(e: Omit<ChainedEvent, "hash">): Buffer {
  const parts: Buffer[] = [Buffer.from([0x02]), utf8(e.prev_hash), SEPARATOR, int64(BigInt(e.seq)), uuidBytes(e.id), int64(postgresMicros(e.occurred_at))];
  parts.push(e.actor_id == null ? Buffer.from([0x00]) : Buffer.concat([Buffer.from([0x01]), uuidBytes(e.actor_id)]));
  for (const f of TEXT_FIELDS_V2) {
    const v = e[f];
    parts.push(v == null ? NULL_FIELD : utf8(f === "before" || f === "after" ? jsonbText(v) : String(v)), SEPARATOR);
  }
  return Buffer.concat(parts);
}

/** hash = hex(sha256(canonical bytes)), in the event's encoding version. */
export function eventHash(e: Omit<ChainedEvent, "hash">): string {
  const version = e.hash_version ?? 1;
  if (version !== 1 && version !== 2) throw new Error(`event ${e.seq}: unknown hash_version ${version}`);
  return createHash("sha256")
    .update(version === 2 ? canonicalBytesV2(e) : canonicalBytes(e))
    .digest("hex");
}

export type RowCheck = { ok: true } | { ok: false; problem: "contents" | "link"; message: string };

/**
 * Checks one exported event: its hash covers its own fields and prev_hash, and, when the row
 * before it in the chain is given, prev_hash is that row's hash.
 */
export function checkEvent(e: ChainedEvent, previous?: Pick<ChainedEvent, "seq" | "hash"> | null): RowCheck {
  let recomputed: string | null;
  try {
    recomputed = eventHash(e);
  } catch {
    recomputed = null; // an unknown version or a malformed field never matches
  }
  if (recomputed !== e.hash) {
    return { ok: false, problem: "contents", message: `event ${e.seq}: the hash does not match the event's contents` };
  }
  if (previous !== undefined) {
    const expected = previous ? previous.hash : GENESIS_HASH;
    if (e.prev_hash !== expected) {
      return { ok: false, problem: "link", message: `event ${e.seq}: prev_hash is not the hash of ${previous ? `event ${previous.seq}` : "the chain's start"}` };
    }
  }
  return { ok: true };
}
