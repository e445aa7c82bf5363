/**
 * The segment's Performance tab: its outcomes by period and channel, and lift against the
 * holdout, every number released through the privacy rules (performance-shape.ts, then the
 * ledger in releases.ts; with differential privacy, noise and the budget in performance-noise.ts).
 * A withheld count is reported as such, never as a number.
 */
import { utcDay } from "@/domain/dates";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { protectAgainstLedger } from "@/server/privacy/ledger";
import { performanceContext, tablesAsOf, type PerformanceAnswer, type PerformanceContext } from "./performance-context";
import { performanceCsv } from "./performance-csv";
import { lastNoisyReport } from "./performance-noise";
import { buildReport, candidateId, candidatesOf, protectTables, withheldOf, type PerformanceTables, type Withheld } from "./performance-shape";
import type { Period } from "./queries";
import { ledgerFor, releaseNumbers } from "./releases";

export type { PerformanceAnswer } from "./performance-context";

/** Without noise: threshold, complement and difference protection, then the release is recorded. */
export async function segmentPerformance(
  db: Db,
  actor: AuditActor,
  input: { segmentId: string; period: Period },
  now: Date = new Date(),
  via: "ui" | "csv" = "ui",
): Promise<PerformanceAnswer> {
  return performanceIn(db, actor, await performanceContext(db, input, now), now, via);
}

async function performanceIn(db: Db, actor: AuditActor, ctx: PerformanceContext, now: Date, via: "ui" | "csv"): Promise<PerformanceAnswer> {
  if (ctx.privacy.differentialPrivacy) {
    // Viewing spends nothing: it shows the last noisy release (releaseWithNoise makes one).
    return lastNoisyReport(db, ctx, now);
  }
  const { tables, currency, currencies } = await tablesAsOf(db, ctx, utcDay(now));
  const answer = { currency, currencies, privacy: ctx.privacy, noisyRelease: null };
  // No outcomes in the window: nothing to release (buildReport withholds every total).
  if (tables.channels.length === 0) return { ...buildReport(tables, ctx.k, ctx.period, []), ...answer };
  return { ...buildReport(tables, ctx.k, ctx.period, await releaseThroughLedger(db, actor, tables, ctx.k, now, via)), ...answer };
}

async function releaseThroughLedger(db: Db, actor: AuditActor, tables: PerformanceTables, k: number, now: Date, via: "ui" | "csv") {
  // Difference protection first, so that what the ledger withholds is suppressed before the
  // complementary step and cannot be worked out from the totals either.
  let protectedCounts = protectTables(tables, k);
  const keys = [...new Set(tables.tables.flatMap((t) => t.cells.map((c) => c.key)))];
  const ledger = await inTransaction(db, (tx) => ledgerFor(tx, keys));
  const forced = new Map<string, Withheld>();
  for (const { candidate } of candidatesOf(tables, protectedCounts)) {
    const r = protectAgainstLedger(candidate, ledger, k);
    if (!r.released) forced.set(candidateId(candidate), r);
  }
  if (forced.size) protectedCounts = protectTables(tables, k, forced);

  // The release checks the ledger again under the segment's lock (a concurrent release may have
  // added to it). What it withholds now is suppressed with its complement, everything withheld
  // before staying withheld, so that only numbers that went through the ledger are shown.
  const candidates = candidatesOf(tables, protectedCounts);
  const outcome = await releaseNumbers(db, actor, { segmentId: tables.segmentId, candidates: candidates.map((c) => c.candidate), k, via, at: now });
  const late = withheldOf(tables, protectedCounts);
  outcome.releases.forEach((r, j) => !r.released && late.set(candidateId(candidates[j]!.candidate), r));
  return outcome.releases.every((r) => r.released) ? protectedCounts : protectTables(tables, k, late);
}

/**
 * The report as a CSV file: released through the same rules, recorded as leaving by CSV. With
 * differential privacy, the last noisy release's numbers (exporting spends nothing).
 */
export async function performanceCsvExport(db: Db, actor: AuditActor, input: { segmentId: string; period: Period }, now: Date = new Date()) {
  const ctx = await performanceContext(db, input, now);
  const report = await performanceIn(db, actor, ctx, now, "csv");
  // Without noise the release above is audited with its counts; with noise nothing new is released, so the export itself is.
  if (report.privacy.differentialPrivacy)
    await inTransaction(db, (tx) =>
      recordAudit(tx, {
        actor,
        action: "metrics.performance_exported",
        entityType: "segment",
        entityId: input.segmentId,
        after: { period: input.period, noisyRelease: report.noisyRelease },
      }),
    );
  return { filename: `performance-${ctx.segmentKey}-${input.period}-${report.to}.csv`, csv: performanceCsv(report, report.currency) };
}
