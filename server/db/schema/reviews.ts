import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ReviewPayload } from "../../../domain/review-proposals";
import { REVIEW_DECISIONS, REVIEW_STATUSES, REVIEW_SUBJECT_TYPES, REVIEW_TYPES, type RequiredApproval } from "../../../domain/review-rules";
import { roleEnum, users } from "./auth";
import { sensitivityEnum } from "./taxonomy";

export const reviewTypeEnum = pgEnum("review_type", REVIEW_TYPES);
export const reviewStatusEnum = pgEnum("review_status", REVIEW_STATUSES);
export const reviewDecisionEnum = pgEnum("review_decision", REVIEW_DECISIONS);

/** A workflow item, pinned to the exact version (or snapshot) of the subject it asks about. */
export const reviewRequests = pgTable(
  "review_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    type: reviewTypeEnum().notNull(),
    subjectType: text({ enum: REVIEW_SUBJECT_TYPES }).notNull(),
    /** Null when the subject is not a catalog row: a proposed source, the policy. */
    subjectId: uuid(),
    /** For segments, the version under review; for the policy, the version in force; other subjects are pinned by `subjectSnapshot`. */
    subjectVersion: integer(),
    subjectLabel: text().notNull(),
    /**
     * The source or signal row as it was when the request opened (search column left out), with
     * what was in force that the proposal is compared with (domain/review-proposals `InForce`).
     */
    subjectSnapshot: jsonb().$type<Record<string, unknown>>(),
    /** What a data-use, new-source, algorithm-change or channel-rule request proposes; null for segment approvals and re-certifications. */
    payload: jsonb().$type<ReviewPayload>(),
    /** Null when Steward opened the request itself (consent change, re-certification). */
    requesterId: uuid().references(() => users.id),
    /** Who wrote the version under review: they may not decide on it either. */
    authorId: uuid().references(() => users.id),
    justification: text().notNull(),
    sensitivity: sensitivityEnum().notNull(),
    /** e.g. [{ role: "steward", count: 1 }, { role: "privacy_officer", count: 2 }] */
    requiredApprovals: jsonb().$type<RequiredApproval[]>().notNull(),
    status: reviewStatusEnum().notNull().default("open"),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.dueAt), index().on(t.subjectType, t.subjectId), index().on(t.requesterId), index().on(t.authorId)],
);

export const reviewDecisions = pgTable(
  "review_decisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => reviewRequests.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** The role this person decided in; each person counts once. */
    role: roleEnum().notNull(),
    decision: reviewDecisionEnum().notNull(),
    comment: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.requestId, t.userId), index().on(t.userId)],
);

export const reviewComments = pgTable(
  "review_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => reviewRequests.id),
    userId: uuid().references(() => users.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.requestId, t.createdAt)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: ["assignment", "decision", "comment", "auto_pause", "consent_change", "withdrawal_spike"] }).notNull(),
    title: text().notNull(),
    body: text().notNull().default(""),
    link: text().notNull().default(""),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.readAt, t.createdAt)],
);
