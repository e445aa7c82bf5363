import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { SEVERITIES, type PolicySettings } from "../../policy/types";
import { users } from "./auth";
import { segments } from "./catalog";

/** Every version of the policy settings; the highest version is in force. */
export const policySettingsVersions = pgTable("policy_settings_versions", {
  version: integer().primaryKey(),
  /** Only the keys set when saved; defaults fill the rest (settings.service withDefaults). */
  settings: jsonb().$type<Partial<PolicySettings>>().notNull(),
  reason: text().notNull().default(""),
  createdById: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Findings of one segment version under one policy version; replaced when re-evaluated. */
export const segmentFindings = pgTable(
  "segment_findings",
  {
    id: uuid().primaryKey().defaultRandom(),
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    segmentVersion: integer().notNull(),
    policyVersion: integer().notNull(),
    policyKey: text().notNull(),
    /** Identifies "the same finding" across evaluations, so an exception can cover it. */
    fingerprint: text().notNull(),
    severity: text({ enum: SEVERITIES }).notNull(),
    title: text().notNull(),
    message: text().notNull(),
    remedy: text().notNull(),
    signals: jsonb().$type<Array<{ id: string; name: string }>>().notNull(),
    purposes: text().array().notNull(),
    channels: text().array().notNull(),
    evaluatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.segmentId, t.segmentVersion), index().on(t.policyKey)],
);

/** A privacy officer's time-boxed waiver of one blocking finding of one segment. */
export const policyExceptions = pgTable(
  "policy_exceptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    policyKey: text().notNull(),
    fingerprint: text().notNull(),
    findingTitle: text().notNull(),
    justification: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    grantedById: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: uuid().references(() => users.id),
    /** When the exception-expiry job told webhook receivers and the audit trail that it lapsed. */
    expiryAnnouncedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.segmentId),
    uniqueIndex("policy_exceptions_one_active_idx").on(t.segmentId, t.fingerprint, t.createdAt),
    // The per-minute expiry job reads only the few exceptions still to announce.
    index("policy_exceptions_unannounced_idx")
      .on(t.expiresAt)
      .where(sql`${t.revokedAt} IS NULL AND ${t.expiryAnnouncedAt} IS NULL`),
  ],
);
