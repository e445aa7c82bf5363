import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, date, index, integer, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { METRIC_GROUPS } from "../../../domain/metrics";
import { users } from "./auth";
import { channelEnum, segments } from "./catalog";
import { apiTokens } from "./lineage";
import { consentPurposes } from "./taxonomy";

export const metricGroupEnum = pgEnum("metric_group", METRIC_GROUPS);

/** Fresh builders per table: who sent the row, and when it was last replaced. */
const sentBy = () => ({
  tokenId: uuid()
    .notNull()
    .references(() => apiTokens.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Aggregate outcomes per segment, UTC day, channel and group, as each token reported them: one
 * row per key, replaced when posted again (POST /api/v1/metrics/outcomes). No person-level data.
 */
export const outcomeMetrics = pgTable(
  "outcome_metrics",
  {
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    date: date({ mode: "string" }).notNull(),
    channel: channelEnum().notNull(),
    group: metricGroupEnum().notNull(),
    reached: integer().notNull(),
    conversions: integer().notNull(),
    /** In `currency`'s major unit; four decimals hold every ISO 4217 minor unit. */
    revenue: numeric({ precision: 18, scale: 4 }).notNull(),
    currency: text().notNull(),
    sends: integer(),
    opens: integer(),
    clicks: integer(),
    ...sentBy(),
  },
  (t) => [
    // The key, segment and date first: one segment's report over a date range is one index range.
    primaryKey({ name: "outcome_metrics_pkey", columns: [t.segmentId, t.date, t.channel, t.group, t.tokenId] }),
    check("outcome_metrics_counts_check", sql`${t.reached} >= 0 and ${t.conversions} >= 0 and ${t.conversions} <= ${t.reached} and ${t.revenue} >= 0`),
    check("outcome_metrics_engagement_check", sql`coalesce(${t.sends}, 0) >= 0 and coalesce(${t.opens}, 0) >= 0 and coalesce(${t.clicks}, 0) >= 0`),
  ],
);

/**
 * outcome_metrics summed over channels and tokens per segment, day and group: what the
 * catalog-wide rankings (top segments by lift over 90 days) read, 8× fewer rows than the detail.
 * Recomputed for the batch's (segment, day) pairs in the ingest's transaction
 * (server/modules/metrics/service.ts), under a lock per stripe of segments.
 */
export const outcomeDaily = pgTable(
  "outcome_daily",
  {
    date: date({ mode: "string" }).notNull(),
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    group: metricGroupEnum().notNull(),
    reached: bigint({ mode: "number" }).notNull(),
    conversions: bigint({ mode: "number" }).notNull(),
  },
  // Date first: the rankings read a date range across every segment.
  (t) => [primaryKey({ name: "outcome_daily_pkey", columns: [t.date, t.segmentId, t.group] })],
);

/**
 * Aggregate consent per purpose, UTC day, source and jurisdiction ('' when the sender gives
 * none), as each token reported them (POST /api/v1/metrics/consent).
 */
export const consentMetrics = pgTable(
  "consent_metrics",
  {
    purposeId: uuid()
      .notNull()
      .references(() => consentPurposes.id),
    date: date({ mode: "string" }).notNull(),
    /** A data source's key, or ''. */
    source: text().notNull().default(""),
    jurisdiction: text().notNull().default(""),
    /** People holding consent for the purpose at the end of the day. */
    consented: integer().notNull(),
    optIns: integer().notNull(),
    withdrawals: integer().notNull(),
    ...sentBy(),
  },
  (t) => [
    primaryKey({ name: "consent_metrics_pkey", columns: [t.purposeId, t.date, t.source, t.jurisdiction, t.tokenId] }),
    index("consent_metrics_date_idx").on(t.date),
    check("consent_metrics_counts_check", sql`${t.consented} >= 0 and ${t.optIns} >= 0 and ${t.withdrawals} >= 0`),
  ],
);

/**
 * Every number Steward released from these metrics (privacy rule 3, difference protection, reads
 * it): what was counted (`cellKey`, which names the segment or purpose, measure, channel and
 * group), over which days, and the value shown (noisy when `epsilon` is set).
 */
export const privacyReleases = pgTable(
  "privacy_releases",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** For the segment's evidence pack; null for consent figures. */
    segmentId: uuid().references(() => segments.id),
    cellKey: text().notNull(),
    fromDate: date({ mode: "string" }).notNull(),
    toDate: date({ mode: "string" }).notNull(),
    value: integer().notNull(),
    /** The epsilon this number spent, when released with noise. */
    epsilon: numeric({ precision: 10, scale: 6 }),
    /** Where it went: ui, csv, api, evidence. */
    via: text().notNull(),
    releasedById: uuid().references(() => users.id),
    releasedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("privacy_releases_cell_key_idx").on(t.cellKey),
    index("privacy_releases_segment_idx").on(t.segmentId, t.releasedAt),
    check("privacy_releases_range_check", sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

/**
 * A segment's differential-privacy budget for one calendar month (UTC): what the policy allowed
 * when the month's first release came, and what has been spent. Spent only by a conditional
 * UPDATE (server/modules/metrics/budget.ts), so concurrent releases cannot overspend.
 */
export const privacyBudgets = pgTable(
  "privacy_budgets",
  {
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    /** The month's first day. */
    month: date({ mode: "string" }).notNull(),
    budget: numeric({ precision: 10, scale: 6 }).notNull(),
    spent: numeric({ precision: 10, scale: 6 }).notNull().default("0"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "privacy_budgets_pkey", columns: [t.segmentId, t.month] }),
    check("privacy_budgets_spent_check", sql`${t.spent} >= 0 and ${t.spent} <= ${t.budget}`),
    check("privacy_budgets_month_check", sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * Withdrawal-spike alerts raised, one per purpose and week: the job claims a (purpose, week) by
 * inserting its row (ON CONFLICT DO NOTHING), so two runs, or two server processes, never raise
 * one spike twice.
 */
export const withdrawalAlerts = pgTable(
  "withdrawal_alerts",
  {
    purposeId: uuid()
      .notNull()
      .references(() => consentPurposes.id),
    /** The week's Monday. */
    week: date({ mode: "string" }).notNull(),
    /** The week's withdrawal rate, the baseline's and the policy's multiple when it was raised. */
    rate: numeric({ precision: 12, scale: 8 }).notNull(),
    baseline: numeric({ precision: 12, scale: 8 }).notNull(),
    multiple: numeric({ precision: 6, scale: 2 }).notNull(),
    raisedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "withdrawal_alerts_pkey", columns: [t.purposeId, t.week] })],
);

/**
 * A privacy officer's choice for one segment's reports: with differential privacy or without.
 * No row: the policy's default (`differentialPrivacy.defaultOn`). Kept apart from the segment's
 * versions: it governs how numbers leave Steward, not what the segment is.
 */
export const segmentPrivacyModes = pgTable("segment_privacy_modes", {
  segmentId: uuid()
    .primaryKey()
    .references(() => segments.id),
  differentialPrivacy: boolean().notNull(),
  reason: text().notNull(),
  setById: uuid()
    .notNull()
    .references(() => users.id),
  setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
