/**
 * The audit chain's hash, recomputed outside the database. Pure (node:crypto only) so scripts,
 * tests and a regulator's own tooling can use it on an NDJSON export. The database computes the
 * same thing in SQL (drizzle/0003_audit_chain.sql: audit_event_hash); the README
 * documents the encoding.
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

/** The hashed bytes: each field's UTF-8, 0x00 between fields, 0xFF for a null field. */
export function canonicalBytes(e: Omit<ChainedEvent, "hash">): Buffer {
  const parts: Buffer[] = [];
  canonicalFields(e).forEach((v, i) => {
    if (i > 0) parts.push(SEPARATOR);
    parts.push(v == null ? NULL_FIELD : utf8(v));
  });
  return Buffer.concat(parts);
}

/** hash = hex(sha256(canonical bytes)). */
export function eventHash(e: Omit<ChainedEvent, "hash">): string {
  return createHash("sha256").update(canonicalBytes(e)).digest("hex");
}

export type RowCheck = { ok: true } | { ok: false; problem: "contents" | "link"; message: string };

/**
 * Checks one exported event: its hash covers its own fields and prev_hash, and, when the row
 * before it in the chain is given, prev_hash is that row's hash.
 */
export function checkEvent(e: ChainedEvent, previous?: Pick<ChainedEvent, "seq" | "hash"> | null): RowCheck {
  if (eventHash(e) !== e.hash) {
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
