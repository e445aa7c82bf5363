/**
 * The segment's Performance tab: its outcomes by period and channel, and lift against the
 * holdout, every number released through the privacy rules (performance-shape.ts, then the
 * ledger in releases.ts). A withheld count is reported as such, never as a number.
 */
import { sql } from "drizzle-orm";
import { utcDay } from "@/domain/dates";
import { CHANNELS } from "@/domain/vocab";
import type { AuditActor } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { inTransaction } from "@/server/db/transaction";
import { DomainError } from "@/server/errors";
import { gateSegmentById } from "@/server/modules/activation/queries";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { protectAgainstLedger } from "@/server/privacy/ledger";
import { effectiveK } from "@/server/privacy/threshold";
import { buildReport, candidateId, candidatesOf, performanceTables, protectTables, reportWindow, withheldOf, type PerformanceReport, type Withheld } from "./performance-shape";
import { outcomesByPeriod, type Period } from "./queries";
import { ledgerFor, releaseNumbers } from "./releases";

export type PerformanceAnswer = PerformanceReport & {
  /** The one currency revenue was reported in, or null with none or several (then revenue is not summed across them). */
  currency: string | null;
  currencies: number;
};

/** The currencies of the segment's outcomes in the window (at most two are needed to know it is mixed). */
async function currenciesOf(db: Db, segmentId: string, from: string, to: string): Promise<string[]> {
  const rows = rowsOf<{ currency: string }>(
    await db.execute(sql`
      SELECT DISTINCT currency FROM outcome_metrics
      WHERE segment_id = ${segmentId}::uuid AND date BETWEEN ${from}::date AND ${to}::date
      LIMIT 2`),
  );
  return rows.map((r) => r.currency);
}

export async function segmentPerformance(db: Db, actor: AuditActor, input: { segmentId: string; period: Period }, now: Date = new Date()): Promise<PerformanceAnswer> {
  const segment = await gateSegmentById(db, input.segmentId);
  if (!segment) throw new DomainError("NOT_FOUND", "This segment does not exist.", { field: "segmentId" });
  const policy = await currentPolicy(db);
  const k = effectiveK(segment.minimumCohort, policy.settings.minCohortSize);
  const window = reportWindow(input.period, utcDay(now));
  const [rows, currencies] = await Promise.all([outcomesByPeriod(db, segment.id, { ...window, period: input.period }), currenciesOf(db, segment.id, window.from, window.to)]);
  const tables = performanceTables(segment.id, rows, CHANNELS, window);
  const currency = currencies.length === 1 ? currencies[0]! : null;
  // No outcomes in the window: nothing to release (buildReport withholds every total).
  if (tables.channels.length === 0) return { ...buildReport(tables, k, input.period, []), currency, currencies: 0 };

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
  const outcome = await releaseNumbers(db, actor, { segmentId: segment.id, candidates: candidates.map((c) => c.candidate), k, via: "ui", at: now });
  const late = withheldOf(tables, protectedCounts);
  outcome.releases.forEach((r, j) => !r.released && late.set(candidateId(candidates[j]!.candidate), r));
  const final = outcome.releases.every((r) => r.released) ? protectedCounts : protectTables(tables, k, late);
  return { ...buildReport(tables, k, input.period, final), currency, currencies: currencies.length };
}
