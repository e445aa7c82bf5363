/**
 * The raw aggregates reports start from. These return true counts: every number shown from them
 * must go through the privacy rules (server/privacy, then releases.ts) first.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import type { MetricGroup } from "@/domain/metrics";
import type { Channel } from "@/domain/vocab";

export type Period = "day" | "week" | "month";

export interface PeriodRow {
  /** The period's first day (weeks start on Monday, as date_trunc's ISO weeks do). */
  period: string;
  channel: Channel;
  group: MetricGroup;
  reached: number;
  conversions: number;
  /** Exact, as text: sums of money are not rounded through a float. */
  revenue: string;
}

/**
 * One segment's outcomes per period, channel and group over [from, to] (inclusive), summed over
 * the tokens that reported them. Reads one range of the primary key (segment, date, …).
 */
export async function outcomesByPeriod(db: DbOrTx, segmentId: string, range: { from: string; to: string; period: Period }): Promise<PeriodRow[]> {
  const unit = sql.raw(`'${range.period}'`);
  return rowsOf<PeriodRow>(
    await db.execute(sql`
      SELECT to_char(date_trunc(${unit}, date), 'YYYY-MM-DD') AS period, channel, "group",
             sum(reached)::int AS reached, sum(conversions)::int AS conversions, sum(revenue)::text AS revenue
      FROM outcome_metrics
      WHERE segment_id = ${segmentId}::uuid AND date BETWEEN ${range.from}::date AND ${range.to}::date
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`),
  );
}

export interface LiftRow {
  segmentId: string;
  treatmentReached: number;
  treatmentConversions: number;
  holdoutReached: number;
  holdoutConversions: number;
}

/**
 * The segments with the highest relative lift over [from, to], all channels together, among those
 * whose holdout converted someone. One pass over the date range of the daily rollup (outcome_daily),
 * 8× fewer rows than the detail.
 */
export async function topByLift(db: DbOrTx, range: { from: string; to: string }, limit = 50): Promise<LiftRow[]> {
  return rowsOf<LiftRow>(
    await db.execute(sql`
      SELECT segment_id AS "segmentId", nt::int AS "treatmentReached", xt::int AS "treatmentConversions", nh::int AS "holdoutReached", xh::int AS "holdoutConversions"
      FROM (
        SELECT segment_id,
               sum(reached) FILTER (WHERE "group" = 'treatment') AS nt, sum(conversions) FILTER (WHERE "group" = 'treatment') AS xt,
               sum(reached) FILTER (WHERE "group" = 'holdout') AS nh, sum(conversions) FILTER (WHERE "group" = 'holdout') AS xh
        FROM outcome_daily
        WHERE date BETWEEN ${range.from}::date AND ${range.to}::date
        GROUP BY segment_id
      ) s
      WHERE nt > 0 AND nh > 0 AND xh > 0
      ORDER BY (xt::float8 / nt) / (xh::float8 / nh) DESC, segment_id
      LIMIT ${limit}`),
  );
}
