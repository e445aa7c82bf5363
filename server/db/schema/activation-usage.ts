import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { segments } from "./catalog";
import { apiTokens } from "./lineage";

/**
 * Who asks the activation gate about a segment: one row per (segment, token, channel, UTC day),
 * counts merged by the recorder's batched upserts (server/modules/activation/usage.ts). Usage
 * statistics, not a security record: the gate's answers themselves are not audited per call.
 */
export const segmentUsageDaily = pgTable(
  "segment_usage_daily",
  {
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    tokenId: uuid()
      .notNull()
      .references(() => apiTokens.id),
    channel: text().notNull(),
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
 *
 * An append-only log written at the gate's rate (a batch of 1,000 denied pairs is 1,000 rows),
 * so it carries no foreign keys: their checks were half of writing a batch's denials (37 of
 * 71 ms, bench/gate). The ids come from rows the gate has just read, and segments and tokens
 * are never deleted (a token is revoked, a segment retired). Time is indexed by BRIN, which
 * suits rows appended in time order and costs the insert almost nothing; only pruning reads it.
 */
export const segmentDecisionDenials = pgTable(
  "segment_decision_denials",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** When it was answered; the first of `count` identical denials folded into this row. */
    at: timestamp({ withTimezone: true }).notNull(),
    /** Identical denials a flush folded together (usage/merge.ts): usually 1. */
    count: integer().notNull().default(1),
    /** The last of them when `count` > 1, else null. */
    lastAt: timestamp({ withTimezone: true }),
    segmentId: uuid().notNull(),
    tokenId: uuid().notNull(),
    channel: text().notNull(),
    reasons: jsonb().$type<{ code: string; message: string }[]>().notNull(),
  },
  (t) => [index("segment_decision_denials_segment_at_idx").on(t.segmentId, t.at), index("segment_decision_denials_at_brin").using("brin", t.at)],
);
