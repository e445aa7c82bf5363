import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Counters the dashboard and the findings card read instead of counting the catalog on every
 * view. Triggers (drizzle/*_counters_triggers.sql, a custom migration) append one row per change
 * to a count; a read sums a key's rows, and server/db/counters.ts folds them into one row per key
 * now and then. Appending instead of updating one row per key keeps concurrent writers from
 * queueing on a hot row.
 */
export const countDeltas = pgTable(
  "count_deltas",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    key: text().notNull(),
    delta: bigint({ mode: "number" }).notNull(),
  },
  (t) => [index().on(t.key)],
);

/**
 * One row per (segment, policy check) with findings on the segment's head version, segment not
 * retired: whether the check blocks it, is waived by an exception, or warns. Kept by triggers on
 * segment_findings, segments and policy_exceptions; its changes feed count_deltas.
 *
 * Exceptions expire by the clock, which no trigger sees: a row counted as waived carries the
 * earliest expiry among the exceptions it relies on, and a read re-decides the rows whose
 * expiry has passed (few, through the partial index) at the reader's `now`.
 */
export const segmentFindingKeys = pgTable(
  "segment_finding_keys",
  {
    segmentId: uuid().notNull(),
    policyKey: text().notNull(),
    blocked: boolean().notNull(),
    waived: boolean().notNull(),
    warned: boolean().notNull(),
    waiverExpiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.segmentId),
    index("segment_finding_keys_waiver_expiry_idx")
      .on(t.waiverExpiresAt)
      .where(sql`${t.waiverExpiresAt} IS NOT NULL`),
  ],
);

/**
 * For each open review request still missing approvals: the roles that can still give one,
 * sorted (e.g. {privacy_officer,steward}). Kept by triggers on review_requests and
 * review_decisions, which also count open requests per role set in count_deltas
 * ("reviews:needs:privacy_officer,steward"); the review badge sums the sets that share a role
 * with the reader, then takes away the few requests the reader asked for, wrote or decided.
 */
export const reviewRequestNeeds = pgTable("review_request_needs", {
  requestId: uuid().primaryKey(),
  roles: text().array().notNull(),
});
