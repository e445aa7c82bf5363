/**
 * The Performance tab under differential privacy. Viewing spends nothing: it shows the numbers of
 * the last noisy release, as they were released. A release (someone asks for one, having seen
 * the error and the budget left) adds noise to the counts the threshold and complement let
 * through, spends epsilon from the segment's monthly budget and records every number in the
 * ledger, in one transaction (releases.ts). When the budget is spent, only earlier numbers show.
 */
import { sql } from "drizzle-orm";
import { utcDay } from "@/domain/dates";
import { CHANNELS } from "@/domain/vocab";
import type { AuditActor } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { preconditionFailed } from "@/server/errors";
import { secureRng } from "@/server/privacy/noise";
import { performanceContext, tablesAsOf, type PerformanceAnswer, type PerformanceContext } from "./performance-context";
import { addNoise, fromLedger, REVENUE_UNDER_NOISE } from "./performance-dp";
import { buildReport, candidateId, candidatesOf, cellKey, performanceTables, protectTables, reportWindow } from "./performance-shape";
import { privacyStatus } from "./privacy-mode";
import type { Period } from "./queries";
import { releaseNumbers } from "./releases";

interface NoisyRelease {
  releasedAt: string;
  asOf: string;
}

/**
 * The segment's last noisy release of this period's report. One release's rows share their
 * time; its widest range under the grand-total key is the report's window, which tells a day,
 * week or month report apart (30 days, 26 weeks, 12 months).
 */
async function lastRelease(db: Db, ctx: PerformanceContext): Promise<NoisyRelease | null> {
  const releases = rowsOf<{ at: string; from: string; to: string }>(
    await db.execute(sql`
      SELECT released_at::text AS at, min(from_date)::text AS "from", max(to_date)::text AS "to"
      FROM privacy_releases
      WHERE segment_id = ${ctx.segmentId}::uuid AND epsilon IS NOT NULL AND cell_key = ${cellKey(ctx.segmentId, "reached", "all", "treatment")}
      GROUP BY released_at ORDER BY released_at DESC LIMIT 100`),
  );
  const match = releases.find((r) => reportWindow(ctx.period, r.to).from === r.from);
  return match ? { releasedAt: new Date(match.at).toISOString(), asOf: match.to } : null;
}

/** The values one release recorded, by candidateId. */
async function releasedValues(db: Db, segmentId: string, releasedAt: string): Promise<Map<string, number>> {
  const rows = rowsOf<{ key: string; from: string; to: string; value: number }>(
    await db.execute(sql`
      SELECT cell_key AS key, from_date::text AS "from", to_date::text AS "to", value
      FROM privacy_releases
      WHERE segment_id = ${segmentId}::uuid AND released_at = ${releasedAt}::timestamptz AND epsilon IS NOT NULL`),
  );
  return new Map(rows.map((r) => [candidateId(r), Number(r.value)]));
}

/** The numbers of the last noisy release, or an empty report before the first. */
export async function lastNoisyReport(db: Db, ctx: PerformanceContext, now: Date): Promise<PerformanceAnswer> {
  const last = await lastRelease(db, ctx);
  if (!last) {
    const empty = performanceTables(ctx.segmentId, [], CHANNELS, reportWindow(ctx.period, utcDay(now)));
    return { ...buildReport(empty, ctx.k, ctx.period, []), currency: null, currencies: 0, privacy: ctx.privacy, noisyRelease: null };
  }
  // The window as it was on the release's last day; the counts withheld then are withheld again.
  const { tables, currency, currencies } = await tablesAsOf(db, ctx, last.asOf);
  const releases = fromLedger(tables, protectTables(tables, ctx.k), await releasedValues(db, ctx.segmentId, last.releasedAt));
  return { ...buildReport(tables, ctx.k, ctx.period, releases, { revenue: REVENUE_UNDER_NOISE }), currency, currencies, privacy: ctx.privacy, noisyRelease: last };
}

/** Releases today's report with noise, spending one release's epsilon from the month's budget. */
export async function releaseWithNoise(db: Db, actor: AuditActor, input: { segmentId: string; period: Period }, now: Date = new Date()): Promise<PerformanceAnswer> {
  const ctx = await performanceContext(db, input, now);
  const { privacy } = ctx;
  if (!privacy.differentialPrivacy) throw preconditionFailed("This segment's reports are released without noise; a privacy officer can turn differential privacy on.");
  const spentMessage = `This month's privacy budget for the segment is spent (${privacy.spent} of ${privacy.budget}; a release needs ${privacy.epsilonPerRelease}). The numbers released before stay shown; the budget renews on the 1st.`;
  if (!privacy.canRelease) throw preconditionFailed(spentMessage);
  const { tables } = await tablesAsOf(db, ctx, utcDay(now));
  if (tables.channels.length === 0) throw preconditionFailed("No outcomes were reported in this window, so there is nothing to release.");
  const noisy = addNoise(protectTables(tables, ctx.k), privacy.epsilonPerRelease, secureRng());
  const outcome = await releaseNumbers(db, actor, {
    segmentId: ctx.segmentId,
    candidates: candidatesOf(tables, noisy).map((c) => c.candidate),
    k: ctx.k,
    via: "ui",
    dp: { epsilon: privacy.epsilonPerRelease, monthlyBudget: ctx.settings.differentialPrivacy.monthlyBudget },
    at: now,
  });
  // A concurrent release may have spent what was left since the check above.
  if (!outcome.spend?.ok) throw preconditionFailed(spentMessage);
  const after = { ...ctx, privacy: await privacyStatus(db, ctx.segmentId, ctx.settings.differentialPrivacy, now) };
  return lastNoisyReport(db, after, now);
}
