/**
 * 180 days of generated outcome metrics for the sample segments, so the Performance tab has
 * something to show. Deterministic for a given day: the variation is a weekly wave, a slower
 * trend and a hash of (segment, channel, day), not a random number. Some segments' last channel
 * is small enough that its weekly counts fall below the segment's minimum cohort (withheld),
 * `active_members` has a clear positive lift and `high_value_members` none.
 */
import { sql } from "drizzle-orm";
import { dayFromToday } from "@/domain/dates";
import type { Channel } from "@/domain/vocab";
import type { Tx } from "@/server/db/client";
import { textArray, uuidArray } from "@/server/db/arrays";
import { rowsOf } from "@/server/db/rows";
import { refreshDaily } from "@/server/modules/metrics/service";
import type { SampleSegment } from "./segment-type";

export const SAMPLE_OUTCOME_DAYS = 180;
export const CLEAR_LIFT_SEGMENT = "active_members";
export const NO_LIFT_SEGMENT = "high_value_members";
/** Reported with differential privacy (load.ts turns it on). */
export const NOISY_SEGMENT = "at_risk_high_value";

export interface OutcomeParams {
  key: string;
  channel: Channel;
  /** Treatment reached on an average day; the holdout is a fifth of it. */
  reach: number;
  treatmentRate: number;
  holdoutRate: number;
  /** Revenue per conversion, EUR. */
  orderValue: number;
}

/** Per segment and channel: how many it reaches and how well each group converts. Pure. */
export function sampleOutcomeParams(segments: readonly Pick<SampleSegment, "key" | "channels" | "minCohortSize">[]): OutcomeParams[] {
  return segments.flatMap((s, i) => {
    // Large enough that the main channel's weeks and the holdout's months clear k.
    const total = s.minCohortSize * 40 * (1 + (i % 3) * 0.5);
    const holdoutRate = 0.02 + (i % 5) * 0.005;
    const lift = s.key === CLEAR_LIFT_SEGMENT ? 1.6 : s.key === NO_LIFT_SEGMENT ? 1 : 1.05 + (i % 4) * 0.05;
    const small = s.channels.length > 1 && i % 2 === 0;
    return s.channels.map((channel, c) => {
      const last = c === s.channels.length - 1;
      // Every other segment's last channel reaches about k/30 a day: a week of it is below k.
      const share = small && last ? s.minCohortSize / 30 / total : c === 0 ? 0.6 : 0.4 / Math.max(1, s.channels.length - (small ? 2 : 1));
      return { key: s.key, channel, reach: Math.max(1, Math.round(total * share)), treatmentRate: holdoutRate * lift, holdoutRate, orderValue: 40 + (i % 6) * 10 };
    });
  });
}

/**
 * Writes the sample's outcomes for the days before today, attributed to a token made for them
 * (revoked at once: nothing can send with it), and their daily rollup. Returns the rows written.
 */
export async function loadSampleOutcomes(tx: Tx, createdById: string, segmentIds: ReadonlyMap<string, string>, segments: readonly SampleSegment[], now = new Date()): Promise<number> {
  const params = sampleOutcomeParams(segments).filter((p) => segmentIds.has(p.key));
  if (!params.length) return 0;
  const [token] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO api_tokens (name, token_hash, prefix, scopes, created_by_id, revoked_at)
      VALUES ('Sample outcomes (generated)', ${`sample-${crypto.randomUUID()}`}, 'sample', ARRAY['metrics:write'], ${createdById}::uuid, now())
      RETURNING id`),
  );
  const from = dayFromToday(-SAMPLE_OUTCOME_DAYS, now);
  const to = dayFromToday(-1, now);
  const num = (xs: number[]) => sql`${`{${xs.join(",")}}`}::float8[]`;
  const keys = params.map((p) => segmentIds.get(p.key)!);
  await tx.execute(sql`
    INSERT INTO outcome_metrics (segment_id, date, channel, "group", reached, conversions, revenue, currency, token_id)
    SELECT q.segment_id, d.day::date, q.channel::channel, g.grp::metric_group, r.reached, x.conversions, x.conversions * q.order_value, 'EUR', ${token!.id}::uuid
    FROM unnest(${uuidArray(keys)}, ${textArray(params.map((p) => p.channel))}, ${num(params.map((p) => p.reach))}, ${num(params.map((p) => p.treatmentRate))},
                ${num(params.map((p) => p.holdoutRate))}, ${num(params.map((p) => p.orderValue))}) WITH ORDINALITY AS q(segment_id, channel, reach, t_rate, h_rate, order_value, n)
    CROSS JOIN generate_series(${from}::date, ${to}::date, '1 day') WITH ORDINALITY AS d(day, n)
    CROSS JOIN (VALUES ('treatment', 1.0), ('holdout', 0.2)) AS g(grp, share)
    CROSS JOIN LATERAL (SELECT greatest(0, round(q.reach * g.share
      * (1 + 0.15 * sin(2 * pi() * d.n / 7.0)) * (1 + 0.1 * sin(2 * pi() * d.n / 90.0))
      * (0.95 + 0.1 * ((d.n * 7919 + q.n * 104729) % 1000) / 1000.0)))::int AS reached) r
    CROSS JOIN LATERAL (SELECT least(r.reached, round(r.reached * CASE g.grp WHEN 'treatment' THEN q.t_rate ELSE q.h_rate END
      * (0.9 + 0.2 * ((d.n * 6007 + q.n * 3001) % 997) / 997.0)))::int AS conversions) x`);
  const ids = [...new Set(keys)];
  const days = Array.from({ length: SAMPLE_OUTCOME_DAYS }, (_, i) => dayFromToday(-SAMPLE_OUTCOME_DAYS + i, now));
  await refreshDaily(
    tx,
    ids.flatMap(() => days).map((_, j) => ids[Math.floor(j / days.length)]!),
    ids.flatMap(() => days),
  );
  return params.length * 2 * SAMPLE_OUTCOME_DAYS;
}
