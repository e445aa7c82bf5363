import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { GENESIS_HASH } from "@/server/audit/canonical";

const HASHED = `e.prev_hash, e.seq, e.id, e.occurred_at, e.actor_id, e.actor_label, e.action, e.entity_type, e.entity_id,
  e.before, e.after, e.reason, e.request_id, e.ip, e.user_agent`;
/**
 * The recomputed hash of the row `e`, in its encoding version (drizzle/0003_audit_chain.sql and
 * 0011_audit_hash_v2.sql); an unknown version recomputes to null, which never matches.
 */
export const recomputedHash = sql.raw(`CASE e.hash_version WHEN 2 THEN audit_event_hash_v2(${HASHED}) WHEN 1 THEN audit_event_hash(${HASHED}) END`);

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface BrokenLink {
  seq: number;
  problem: "edited" | "deleted" | "reordered" | "missing_start";
  message: string;
}

export interface ChainScan {
  checked: number;
  head: ChainHead | null;
  broken: BrokenLink | null;
}

/**
 * Walks the whole chain in SQL: every row's hash must cover its own fields and its prev_hash
 * (a per-row check PostgreSQL can spread over parallel workers), and prev_hash must be the hash
 * of the row before in seq order (a window over the primary key). Both stop at the head read
 * first, so rows appended meanwhile do not matter; the two run side by side on a pool.
 */
export async function scanChain(db: DbOrTx): Promise<ChainScan> {
  const head = await chainHead(db);
  if (!head) return { checked: 0, head: null, broken: null };
  const [contents, links] = await Promise.all([
    db.execute(sql`
      SELECT count(*) AS checked, min(e.seq) FILTER (WHERE ${recomputedHash} IS DISTINCT FROM e.hash) AS bad
      FROM audit_events e WHERE e.seq <= ${head.seq}`),
    db.execute(sql`
      SELECT min(seq) AS bad FROM (
        SELECT seq, prev_hash, lag(hash) OVER (ORDER BY seq) AS row_before FROM audit_events WHERE seq <= ${head.seq}
      ) c WHERE prev_hash IS DISTINCT FROM coalesce(row_before, ${GENESIS_HASH})`),
  ]);
  const [c] = rowsOf<{ checked: string | number; bad: string | number | null }>(contents);
  const [l] = rowsOf<{ bad: string | number | null }>(links);
  const checked = Number(c?.checked ?? 0);
  const badContents = c?.bad == null ? null : Number(c.bad);
  const badLink = l?.bad == null ? null : Number(l.bad);
  if (badContents == null && badLink == null) return { checked, head, broken: null };
  // A row whose contents fail is reported before a link failure on a later row.
  if (badContents != null && (badLink == null || badContents <= badLink)) {
    return {
      checked,
      head,
      broken: {
        seq: badContents,
        problem: "edited",
        message: `Event ${badContents} does not match its hash: its contents or its position in the chain were changed after it was written.`,
      },
    };
  }
  return { checked, head, broken: await describeLink(db, badLink!) };
}

async function describeLink(db: DbOrTx, seq: number): Promise<BrokenLink> {
  const [before] = rowsOf<{ seq: string | number }>(await db.execute(sql`SELECT seq FROM audit_events WHERE seq < ${seq} ORDER BY seq DESC LIMIT 1`));
  if (!before) {
    return { seq, problem: "missing_start", message: `Event ${seq} is the first one left, but it does not start the chain: the events before it were deleted.` };
  }
  const prev = Number(before.seq);
  if (prev < seq - 1) {
    const range = prev + 1 === seq - 1 ? `Event ${prev + 1} is` : `Events ${prev + 1}–${seq - 1} are`;
    return { seq, problem: "deleted", message: `Event ${seq} does not follow event ${prev}: ${range} missing (deleted).` };
  }
  return {
    seq,
    problem: "reordered",
    message: `Event ${seq} does not follow event ${prev}: events were reordered, replaced or inserted out of order.`,
  };
}

export async function hashAt(db: DbOrTx, seq: number): Promise<ChainHead | null> {
  const [row] = rowsOf<{ seq: string | number; hash: string }>(await db.execute(sql`SELECT seq, hash FROM audit_events WHERE seq = ${seq}`));
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

export async function chainHead(db: DbOrTx): Promise<ChainHead | null> {
  const [row] = rowsOf<{ seq: string | number; hash: string }>(await db.execute(sql`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`));
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}
