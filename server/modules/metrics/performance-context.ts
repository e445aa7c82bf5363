/** What both ways of releasing the Performance tab's numbers (performance.ts, performance-noise.ts) start from. */
import { sql } from "drizzle-orm";
import { CHANNELS } from "@/domain/vocab";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { DomainError } from "@/server/errors";
import { gateSegmentById } from "@/server/modules/activation/queries";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import type { PolicySettings } from "@/server/policy/types";
import { effectiveK } from "@/server/privacy/threshold";
import { performanceTables, reportWindow, type PerformanceReport } from "./performance-shape";
import { privacyStatus, type PrivacyStatus } from "./privacy-mode";
import { outcomesByPeriod, type Period } from "./queries";

export type PerformanceAnswer = PerformanceReport & {
  /** The one currency revenue was reported in, or null with none or several (then revenue is not summed across them). */
  currency: string | null;
  currencies: number;
  privacy: PrivacyStatus;
  /** With differential privacy: when the numbers shown were released, and the last day they cover; null before the first release. */
  noisyRelease: { releasedAt: string; asOf: string } | null;
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

export interface PerformanceContext {
  segmentId: string;
  segmentKey: string;
  k: number;
  period: Period;
  settings: PolicySettings;
  privacy: PrivacyStatus;
}

/** The segment, its k, the policy and how its numbers leave Steward. */
export async function performanceContext(db: Db, input: { segmentId: string; period: Period }, now: Date): Promise<PerformanceContext> {
  const segment = await gateSegmentById(db, input.segmentId);
  if (!segment) throw new DomainError("NOT_FOUND", "This segment does not exist.", { field: "segmentId" });
  const { settings } = await currentPolicy(db);
  const k = effectiveK(segment.minimumCohort, settings.minCohortSize);
  const privacy = await privacyStatus(db, segment.id, settings.differentialPrivacy, now);
  return { segmentId: segment.id, segmentKey: segment.key, k, period: input.period, settings, privacy };
}

/** The report's tables for the window ending on `day`, with the currencies its revenue came in. */
export async function tablesAsOf(db: Db, ctx: PerformanceContext, day: string) {
  const window = reportWindow(ctx.period, day);
  const [rows, currencies] = await Promise.all([outcomesByPeriod(db, ctx.segmentId, { ...window, period: ctx.period }), currenciesOf(db, ctx.segmentId, window.from, window.to)]);
  const tables = performanceTables(ctx.segmentId, rows, CHANNELS, window);
  return { tables, currency: currencies.length === 1 ? currencies[0]! : null, currencies: currencies.length };
}
