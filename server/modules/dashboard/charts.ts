/**
 * The dashboard's charts: open findings over the last 90 days, the age of open reviews, and
 * consent withdrawals this month. Each reads a bounded amount whatever the catalog's size: a
 * 90-row primary-key range of daily snapshots, the open reviews (index on status), and one
 * month of consent aggregates (index on date).
 */
import { sql } from "drizzle-orm";
import { dayFromToday, utcDay } from "@/domain/dates";
import type { AuditActor } from "@/server/audit/record";
import type { Db, DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { releaseNumbers } from "@/server/modules/metrics/releases";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { findingCounts } from "@/server/modules/policy/finding-counts";
import { effectiveK, thresholdCount, type Release } from "@/server/privacy/threshold";

export const FINDINGS_DAYS = 90;

export interface FindingsDay {
  day: string;
  blocked: number;
  waived: number;
  warned: number;
}

/**
 * Open findings per day: the stored snapshot of each past day and the live counts for today.
 * The first view of a day stores its snapshot (a conflicting insert writes nothing after that).
 */
export async function findingsOverTime(db: DbOrTx, now = new Date()): Promise<FindingsDay[]> {
  const counts = await findingCounts(db, now);
  const today: FindingsDay = {
    day: utcDay(now),
    blocked: counts.reduce((s, c) => s + c.blocked, 0),
    waived: counts.reduce((s, c) => s + c.waived, 0),
    warned: counts.reduce((s, c) => s + c.warnings, 0),
  };
  await db.execute(sql`
    INSERT INTO dashboard_daily (day, blocked, waived, warned) VALUES (${today.day}::date, ${today.blocked}, ${today.waived}, ${today.warned})
    ON CONFLICT (day) DO NOTHING`);
  const past = rowsOf<FindingsDay>(
    await db.execute(sql`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, blocked, waived, warned FROM dashboard_daily
      WHERE day >= ${dayFromToday(-(FINDINGS_DAYS - 1), now)}::date AND day < ${today.day}::date
      ORDER BY day`),
  );
  return [...past, today];
}

export const AGE_BUCKETS = [
  { label: "0–2 days", upTo: 2 },
  { label: "3–7 days", upTo: 7 },
  { label: "8–14 days", upTo: 14 },
  { label: "15–30 days", upTo: 30 },
  { label: "Over 30 days", upTo: Infinity },
] as const;

export interface AgeingBucket {
  label: string;
  open: number;
  changesRequested: number;
}

/** Open reviews by how long ago they were requested: waiting on a reviewer, and sent back for changes. */
export async function reviewAgeing(db: DbOrTx, now = new Date()): Promise<AgeingBucket[]> {
  const rows = rowsOf<{ bucket: number; status: string; n: number }>(
    await db.execute(sql`
      SELECT width_bucket(extract(epoch FROM (${now.toISOString()}::timestamptz - created_at)) / 86400, ARRAY[3, 8, 15, 31]::float8[]) AS bucket, status::text AS status, count(*)::int AS n
      FROM review_requests
      WHERE status IN ('open', 'changes_requested')
      GROUP BY 1, 2`),
  );
  return AGE_BUCKETS.map((b, i) => ({
    label: b.label,
    open: rows.filter((r) => Number(r.bucket) === i && r.status === "open").reduce((s, r) => s + Number(r.n), 0),
    changesRequested: rows.filter((r) => Number(r.bucket) === i && r.status === "changes_requested").reduce((s, r) => s + Number(r.n), 0),
  }));
}

export interface WithdrawalsThisMonth {
  from: string;
  to: string;
  k: number;
  purposes: Array<{ key: string; name: string; withdrawals: Release }>;
}

export const withdrawalsKey = (purposeKey: string) => `consent:${purposeKey}|withdrawals|all|all`;

/**
 * Withdrawals of consent per purpose from the first of this month (UTC) to today, each a people
 * count released through the privacy rules at the policy's minimum cohort: no total is shown, so
 * the threshold and difference protection apply, not complementary suppression.
 */
export async function withdrawalsThisMonth(db: Db, actor: AuditActor, now = new Date()): Promise<WithdrawalsThisMonth> {
  const to = utcDay(now);
  const from = `${to.slice(0, 7)}-01`;
  const [rows, policy] = await Promise.all([
    db
      .execute(
        sql`
      SELECT p.key, p.name, sum(m.withdrawals)::int AS withdrawals
      FROM consent_metrics m JOIN consent_purposes p ON p.id = m.purpose_id
      WHERE m.date BETWEEN ${from}::date AND ${to}::date
      GROUP BY p.key, p.name
      ORDER BY p.key`,
      )
      .then((r) => rowsOf<{ key: string; name: string; withdrawals: number }>(r)),
    currentPolicy(db),
  ]);
  const k = effectiveK(null, policy.settings.minCohortSize);
  const first = rows.map((r) => thresholdCount(Number(r.withdrawals), k));
  const passed = rows.flatMap((r, i) => (first[i]!.released ? [{ i, candidate: { key: withdrawalsKey(r.key), from, to, value: Number(r.withdrawals) } }] : []));
  const released = [...first];
  if (passed.length) {
    const outcome = await releaseNumbers(db, actor, { segmentId: null, candidates: passed.map((p) => p.candidate), k, via: "ui", at: now });
    passed.forEach((p, j) => (released[p.i] = outcome.releases[j]!));
  }
  return { from, to, k, purposes: rows.map((r, i) => ({ key: r.key, name: r.name, withdrawals: released[i]! })) };
}
