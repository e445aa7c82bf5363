import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { segments } from "./catalog";
import { apiTokens } from "./lineage";

/** Which segment a tool (its token) asked about, for which channel: fresh builders per table. */
const askedAbout = () => ({
  segmentId: uuid()
    .notNull()
    .references(() => segments.id),
  tokenId: uuid()
    .notNull()
    .references(() => apiTokens.id),
  channel: text().notNull(),
});

/**
 * Who asks the activation gate about a segment: one row per (segment, token, channel, UTC day),
 * counts merged by the recorder's batched upserts (server/modules/activation/usage.ts). Usage
 * statistics, not a security record: the gate's answers themselves are not audited per call.
 */
export const segmentUsageDaily = pgTable(
  "segment_usage_daily",
  {
    ...askedAbout(),
    /** The UTC day the decisions were made on. */
    day: date({ mode: "string" }).notNull(),
    allowedCount: integer().notNull().default(0),
    deniedCount: integer().notNull().default(0),
    firstAskedAt: timestamp({ withTimezone: true }).notNull(),
    lastAskedAt: timestamp({ withTimezone: true }).notNull(),
  },
  // Segment first: the "Used by" panel and impact analysis read one segment's rows.
  (t) => [primaryKey({ columns: [t.segmentId, t.tokenId, t.channel, t.day] })],
);

/**
 * Every denial the gate answered, with its reasons, kept STEWARD_DECISION_LOG_DAYS (pruned by
 * the `decision-log-prune` job). Allowed answers are only counted, in segment_usage_daily.
 */
export const segmentDecisionDenials = pgTable(
  "segment_decision_denials",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    ...askedAbout(),
    reasons: jsonb().$type<{ code: string; message: string }[]>().notNull(),
  },
  (t) => [index("segment_decision_denials_segment_at_idx").on(t.segmentId, t.at), index("segment_decision_denials_at_idx").on(t.at)],
);
