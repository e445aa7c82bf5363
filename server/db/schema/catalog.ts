import { sql } from "drizzle-orm";
import { boolean, customType, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { SegmentVersionData } from "../../../domain/segment-version";
import { BUSINESS_GOALS, CAPTURE_POINTS, CHANNELS, FIDELITIES, IDENTIFIABILITIES, SEGMENT_STATUSES, SIGNAL_KINDS, SYSTEM_TYPES, VALUE_TYPES } from "../../../domain/vocab";
import { retirable, timestamps } from "../columns";
import { users } from "./auth";
import { reviewRequests } from "./reviews";
import { consentPurposes, dataCategories, lawfulBasisEnum, sensitivityEnum } from "./taxonomy";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const systemTypeEnum = pgEnum("system_type", SYSTEM_TYPES);
export const capturePointEnum = pgEnum("capture_point", CAPTURE_POINTS);
export const signalKindEnum = pgEnum("signal_kind", SIGNAL_KINDS);
export const fidelityEnum = pgEnum("fidelity", FIDELITIES);
export const identifiabilityEnum = pgEnum("identifiability", IDENTIFIABILITIES);
export const valueTypeEnum = pgEnum("signal_value_type", VALUE_TYPES);
export const segmentStatusEnum = pgEnum("segment_status", SEGMENT_STATUSES);
export const businessGoalEnum = pgEnum("business_goal", BUSINESS_GOALS);
export const channelEnum = pgEnum("channel", CHANNELS);

export const dataSources = pgTable(
  "data_sources",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    systemType: systemTypeEnum().notNull(),
    owner: text().notNull(),
    jurisdictions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    retentionDays: integer().notNull(),
    encryptedInTransit: boolean().notNull().default(true),
    encryptedAtRest: boolean().notNull().default(true),
    pseudonymised: boolean().notNull().default(false),
    consentCapturePoints: capturePointEnum()
      .array()
      .notNull()
      .default(sql`'{}'::capture_point[]`),
    consentCaptureNotes: text().notNull().default(""),
    /** The approved new-source request it was registered from, if any (one source per request). */
    fromRequestId: uuid().references(() => reviewRequests.id),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(owner, '')), 'B')`,
    ),
    ...retirable,
    ...timestamps,
  },
  (t) => [uniqueIndex().on(t.key), index("data_sources_search_idx").using("gin", t.search), uniqueIndex("data_sources_from_request_idx").on(t.fromRequestId)],
);

export const signals = pgTable(
  "signals",
  {
    id: uuid().primaryKey().defaultRandom(),
    sourceId: uuid()
      .notNull()
      .references(() => dataSources.id),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    categoryId: uuid()
      .notNull()
      .references(() => dataCategories.id),
    kind: signalKindEnum().notNull(),
    fidelity: fidelityEnum().notNull(),
    identifiability: identifiabilityEnum().notNull(),
    valueType: valueTypeEnum().notNull(),
    /** For category and list signals: the values a condition may pick from. */
    allowedValues: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    retentionDays: integer().notNull(),
    /** When its collection purposes last changed; segments approved before it need re-review. */
    consentChangedAt: timestamp({ withTimezone: true }),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')`,
    ),
    ...retirable,
    ...timestamps,
  },
  (t) => [
    uniqueIndex().on(t.key),
    index().on(t.sourceId),
    index().on(t.categoryId),
    index("signals_search_idx").using("gin", t.search),
    // The signal list's default page and count (active signals by name) read this index alone
    // instead of sorting and counting 50,000 rows on every call.
    index("signals_active_name_idx")
      .on(t.name)
      .where(sql`${t.retiredAt} IS NULL`),
  ],
);

/** Consent provenance: the purposes a signal was collected under, each with its lawful basis. */
export const signalConsents = pgTable(
  "signal_consents",
  {
    signalId: uuid()
      .notNull()
      .references(() => signals.id),
    purposeId: uuid()
      .notNull()
      .references(() => consentPurposes.id),
    lawfulBasis: lawfulBasisEnum().notNull(),
  },
  (t) => [primaryKey({ columns: [t.signalId, t.purposeId] }), index().on(t.purposeId)],
);

/**
 * The catalog entry. Editable fields live in immutable `segment_versions`; this row carries the
 * head version's fields that lists filter, sort and search on, so lists never touch versions.
 */
export const segments = pgTable(
  "segments",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    purposeStatement: text().notNull().default(""),
    businessGoal: businessGoalEnum().notNull(),
    channels: channelEnum()
      .array()
      .notNull()
      .default(sql`'{}'::channel[]`),
    purposeIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    sourceIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    team: text().notNull().default(""),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    status: segmentStatusEnum().notNull().default("draft"),
    derivedSensitivity: sensitivityEnum().notNull(),
    sensitivity: sensitivityEnum().notNull(),
    /** Head version number; a save must name the version it started from. */
    version: integer().notNull().default(1),
    headVersionId: uuid(),
    approvedVersionId: uuid(),
    recertifyBy: date(),
    approvedAt: timestamp({ withTimezone: true }),
    /** Findings of the head version, for list badges and filters; unexpired exceptions excluded. */
    blockingCount: integer().notNull().default(0),
    warningCount: integer().notNull().default(0),
    /** Set when an active segment became blocked because consent changed upstream. */
    consentChangedUpstream: boolean().notNull().default(false),
    /** While paused: when, and who paused it by hand (null when Steward did); lets that person undo it for a minute. */
    pausedAt: timestamp({ withTimezone: true }),
    pausedBy: uuid().references(() => users.id),
    /** Tags and input signal names as plain text, kept by the service for search. */
    searchExtra: text().notNull().default(""),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(key, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '') || ' ' || coalesce(purpose_statement, '')), 'B') || setweight(to_tsvector('simple', coalesce(search_extra, '')), 'C')`,
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex().on(t.key),
    index().on(t.status),
    index().on(t.ownerId),
    index().on(t.updatedAt),
    index().on(t.name),
    index().on(t.blockingCount),
    // The dashboard's "re-certification due" count reads only the active segments due soon.
    index("segments_active_recertify_by_idx")
      .on(t.recertifyBy)
      .where(sql`${t.status} = 'active'`),
    index("segments_search_idx").using("gin", t.search),
    index("segments_channels_idx").using("gin", t.channels),
    index("segments_purpose_ids_idx").using("gin", t.purposeIds),
    index("segments_source_ids_idx").using("gin", t.sourceIds),
  ],
);

/** Every saved change to a segment: an immutable snapshot of all its editable fields. */
export const segmentVersions = pgTable(
  "segment_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    version: integer().notNull(),
    data: jsonb().$type<SegmentVersionData>().notNull(),
    derivedSensitivity: sensitivityEnum().notNull(),
    sensitivity: sensitivityEnum().notNull(),
    createdById: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.segmentId, t.version)],
);

/** The head version's inputs, as edges: which signals and parent segments feed a segment. */
export const segmentSignalInputs = pgTable(
  "segment_signal_inputs",
  {
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    signalId: uuid()
      .notNull()
      .references(() => signals.id),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.signalId] }), index().on(t.signalId)],
);

export const segmentParentInputs = pgTable(
  "segment_parent_inputs",
  {
    segmentId: uuid()
      .notNull()
      .references(() => segments.id),
    parentSegmentId: uuid()
      .notNull()
      .references(() => segments.id),
    mode: text({ enum: ["include", "exclude"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.parentSegmentId] }), index().on(t.parentSegmentId)],
);

/**
 * Every word of the catalog's names, keys, tags and input signal names (the 'simple' lexemes of
 * the search vectors), kept by triggers (migration 0007). Search corrects a typo against these few
 * thousand short words, then matches through the full-text indexes, instead of comparing the
 * typo with the text of every row.
 */
export const searchWords = pgTable("search_words", { word: text().primaryKey() }, (t) => [index("search_words_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)]);
