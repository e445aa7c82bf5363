import { and, desc, eq, gte, inArray, isNull, lt, max, min, sql } from "drizzle-orm";
import { uuidArray } from "@/server/db/arrays";
import type { Db, DbOrTx } from "@/server/db/client";
import { apiTokens, segmentDecisionDenials, segmentUsageDaily } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import type { DenialRow, UsageDelta } from "./merge";

/** Rows per statement: a backlog after an outage (up to the buffer's 100,000) goes in parts of bounded size. */
const CHUNK = 5000;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * Adds merged decisions to the daily counts and appends the denials (a statement per 5,000 rows
 * of each), in one transaction so counts and the log agree. Deltas must have unique keys, sorted
 * (mergeDecisions does both). Each statement takes its rows as ONE JSON parameter read by
 * jsonb_to_recordset: a multi-row VALUES binds 8 parameters a row, and building and binding them
 * cost more than PostgreSQL's work (bench/gate; README, "Who uses a segment").
 */
export async function writeUsage(db: Db, deltas: readonly UsageDelta[], denials: readonly DenialRow[]): Promise<void> {
  if (deltas.length === 0 && denials.length === 0) return;
  await inTransaction(db, async (tx) => {
    for (const part of chunks(deltas)) {
      const rows = JSON.stringify(part.map((d) => ({ s: d.segmentId, t: d.tokenId, c: d.channel, d: d.day, a: d.allowed, n: d.denied, f: d.firstAskedAt, l: d.lastAskedAt })));
      await tx.execute(sql`
        INSERT INTO segment_usage_daily (segment_id, token_id, channel, day, allowed_count, denied_count, first_asked_at, last_asked_at)
        SELECT s, t, c, d, a, n, f, l FROM jsonb_to_recordset(${rows}::jsonb) AS r(s uuid, t uuid, c text, d date, a int, n int, f timestamptz, l timestamptz)
        ON CONFLICT (segment_id, token_id, channel, day) DO UPDATE SET
          allowed_count = segment_usage_daily.allowed_count + excluded.allowed_count,
          denied_count = segment_usage_daily.denied_count + excluded.denied_count,
          first_asked_at = least(segment_usage_daily.first_asked_at, excluded.first_asked_at),
          last_asked_at = greatest(segment_usage_daily.last_asked_at, excluded.last_asked_at)`);
    }
    for (const part of chunks(denials)) {
      const rows = JSON.stringify(part.map((d) => ({ a: d.at, z: d.lastAt, n: d.count, s: d.segmentId, t: d.tokenId, c: d.channel, r: d.reasons })));
      await tx.execute(sql`
        INSERT INTO segment_decision_denials (at, last_at, count, segment_id, token_id, channel, reasons)
        SELECT a, z, n, s, t, c, r FROM jsonb_to_recordset(${rows}::jsonb) AS x(a timestamptz, z timestamptz, n int, s uuid, t uuid, c text, r jsonb)`);
    }
  });
}

/** Rows deleted per statement, so that a big backlog never holds a long lock. */
const PRUNE_BATCH = 10_000;

/** Deletes denials logged before `before`; returns how many. */
export async function pruneDenials(db: Db, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const doomed = db.select({ id: segmentDecisionDenials.id }).from(segmentDecisionDenials).where(lt(segmentDecisionDenials.at, before)).limit(PRUNE_BATCH);
    const deleted = await db.delete(segmentDecisionDenials).where(inArray(segmentDecisionDenials.id, doomed)).returning({ id: segmentDecisionDenials.id });
    total += deleted.length;
    if (deleted.length < PRUNE_BATCH) return total;
  }
}

export interface ToolUsageRow {
  tokenId: string;
  tokenName: string;
  revokedAt: Date | null;
  channel: string;
  firstAskedAt: Date;
  lastAskedAt: Date;
  recentAllowed: number;
  recentDenied: number;
  totalAllowed: number;
  totalDenied: number;
}

/** Per tool and channel: counts since `sinceDay` (a UTC day) and in all, most recently asked first. */
export async function toolUsage(db: DbOrTx, segmentId: string, sinceDay: string, limit: number): Promise<ToolUsageRow[]> {
  const t = segmentUsageDaily;
  const recent = (col: typeof t.allowedCount | typeof t.deniedCount) => sql<number>`coalesce(sum(${col}) filter (where ${t.day} >= ${sinceDay}), 0)::int`;
  return db
    .select({
      tokenId: t.tokenId,
      tokenName: apiTokens.name,
      revokedAt: apiTokens.revokedAt,
      channel: t.channel,
      firstAskedAt: sql<Date>`${min(t.firstAskedAt)}`.mapWith(t.firstAskedAt),
      lastAskedAt: sql<Date>`${max(t.lastAskedAt)}`.mapWith(t.lastAskedAt),
      recentAllowed: recent(t.allowedCount),
      recentDenied: recent(t.deniedCount),
      totalAllowed: sql<number>`sum(${t.allowedCount})::int`,
      totalDenied: sql<number>`sum(${t.deniedCount})::int`,
    })
    .from(t)
    .innerJoin(apiTokens, eq(apiTokens.id, t.tokenId))
    .where(eq(t.segmentId, segmentId))
    .groupBy(t.tokenId, apiTokens.name, apiTokens.revokedAt, t.channel)
    .orderBy(desc(max(t.lastAskedAt)), t.channel)
    .limit(limit);
}

/** The latest denials of one segment, newest first. */
export function recentDenials(db: DbOrTx, segmentId: string, limit: number) {
  const d = segmentDecisionDenials;
  return db
    .select({ id: d.id, at: d.at, lastAt: d.lastAt, count: d.count, tokenName: apiTokens.name, channel: d.channel, reasons: d.reasons })
    .from(d)
    .innerJoin(apiTokens, eq(apiTokens.id, d.tokenId))
    .where(eq(d.segmentId, segmentId))
    .orderBy(desc(d.at), desc(d.id))
    .limit(limit);
}

/**
 * The tools the gate allowed to use any of these segments since `sinceDay`, per segment and
 * channel: the ones a change that blocks a segment would start denying (a tool only ever denied
 * there, or a revoked token, has nothing to lose).
 */
export function toolsAsking(db: DbOrTx, segmentIds: readonly string[], sinceDay: string) {
  const t = segmentUsageDaily;
  if (segmentIds.length === 0) return Promise.resolve([]);
  return db
    .select({ segmentId: t.segmentId, tokenName: apiTokens.name, channel: t.channel, lastAskedAt: sql<Date>`${max(t.lastAskedAt)}`.mapWith(t.lastAskedAt) })
    .from(t)
    .innerJoin(apiTokens, eq(apiTokens.id, t.tokenId))
    .where(and(sql`${t.segmentId} = any(${uuidArray(segmentIds)})`, gte(t.day, sinceDay), isNull(apiTokens.revokedAt)))
    .groupBy(t.segmentId, t.tokenId, apiTokens.name, t.channel)
    .having(sql`sum(${t.allowedCount}) > 0`)
    .orderBy(t.segmentId, apiTokens.name, t.channel);
}
