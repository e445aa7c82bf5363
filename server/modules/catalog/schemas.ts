import { z } from "zod";
import { boundedIsoDate, wholeNumber } from "@/domain/bounds";
import { textField } from "@/domain/text";
import { groupSchema } from "@/domain/segment-definition";
import type { SegmentVersionData } from "@/domain/segment-version";
import {
  BUSINESS_GOALS,
  CAPTURE_POINTS,
  CHANNELS,
  FIDELITIES,
  IDENTIFIABILITIES,
  JURISDICTIONS,
  LAWFUL_BASES,
  REFRESH_CADENCES,
  SEGMENT_STATUSES,
  SENSITIVITIES,
  SIGNAL_KINDS,
  SYSTEM_TYPES,
  VALUE_TYPES,
} from "@/domain/vocab";

const key = textField(80)
  .min(2, "Enter a key.")
  .regex(/^[a-z][a-z0-9_]*$/, "Use lower-case letters, digits and underscores (e.g. orders_90d).");
const name = textField(200).min(1, "Enter a name.");
const text = (max = 4000) => textField(max).default("");
const days = (what: string) =>
  z
    .number({ error: `Enter ${what} in days.` })
    .int("Use whole days.")
    .min(1, "At least 1 day.")
    .max(36500, "At most 100 years.");
const reason = textField(500).min(3, "Say why (at least 3 characters).");

const pageInput = {
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, 100).default(25),
  dir: z.enum(["asc", "desc"]).default("asc"),
  q: textField(200).optional(),
  includeRetired: z.boolean().default(false),
};

// ---- data sources

const sourceFields = z.object({
  name,
  description: text(),
  systemType: z.enum(SYSTEM_TYPES, { error: "Choose a system type." }),
  owner: textField(200).min(1, "Name the owner (a person or team)."),
  jurisdictions: z.array(z.enum(JURISDICTIONS)).min(1, "Choose at least one jurisdiction."),
  retentionDays: days("retention"),
  encryptedInTransit: z.boolean(),
  encryptedAtRest: z.boolean(),
  pseudonymised: z.boolean(),
  consentCapturePoints: z.array(z.enum(CAPTURE_POINTS)),
  consentCaptureNotes: text(2000),
});
/** From an approved new-source request (`fromRequestId`), the source records it, and the request links to the source. */
export const createSourceInput = sourceFields.extend({ key, fromRequestId: z.uuid().optional() });
export const updateSourceInput = sourceFields.extend({ id: z.uuid() });
export const listSourcesInput = z.object({
  ...pageInput,
  systemType: z.enum(SYSTEM_TYPES).optional(),
  jurisdiction: z.enum(JURISDICTIONS).optional(),
  sort: z.enum(["name", "updated", "signals"]).default("name"),
});

// ---- signals

export const consentProvenanceSchema = z
  .array(z.object({ purposeId: z.uuid(), lawfulBasis: z.enum(LAWFUL_BASES) }))
  .max(50)
  .refine((items) => new Set(items.map((i) => i.purposeId)).size === items.length, "Each purpose can appear once.");

const signalFields = z.object({
  sourceId: z.uuid({ error: "Choose a data source." }),
  name,
  description: text(),
  categoryId: z.uuid({ error: "Choose a data category." }),
  kind: z.enum(SIGNAL_KINDS, { error: "Choose a kind." }),
  fidelity: z.enum(FIDELITIES, { error: "Choose a fidelity." }),
  identifiability: z.enum(IDENTIFIABILITIES, { error: "Choose how identifiable people are." }),
  valueType: z.enum(VALUE_TYPES, { error: "Choose a value type." }),
  allowedValues: z.array(textField(200).min(1)).max(100).default([]),
  retentionDays: days("retention"),
  consents: consentProvenanceSchema,
});
export const createSignalInput = signalFields.extend({ key });
export const updateSignalInput = signalFields.extend({ id: z.uuid() });
export const listSignalsInput = z.object({
  ...pageInput,
  sourceId: z.uuid().optional(),
  kind: z.enum(SIGNAL_KINDS).optional(),
  fidelity: z.enum(FIDELITIES).optional(),
  categoryId: z.uuid().optional(),
  purposeId: z.uuid().optional(),
  sort: z.enum(["name", "updated", "source"]).default("name"),
});

/** What was typed into the segment form's signal combobox. */
export const pickSignalsInput = z.strictObject({ q: textField(100).default("") });

// ---- segments

const frequencyCap = z.object({
  count: z.number().int().min(1, "At least 1.").max(1000),
  perDays: z.number().int().min(1, "At least 1 day.").max(365),
});

export const segmentFields = z.object({
  name,
  description: text(),
  purposeStatement: text(),
  businessGoal: z.enum(BUSINESS_GOALS, { error: "Choose a business goal." }),
  declaredPurposeIds: z.array(z.uuid()).max(30),
  channels: z.array(z.enum(CHANNELS)),
  definition: groupSchema,
  /** Raises the derived sensitivity; a value below it is refused. */
  sensitivityOverride: z.enum(SENSITIVITIES).nullable().default(null),
  refreshCadence: z.enum(REFRESH_CADENCES).nullable().default(null),
  lookbackDays: days("the lookback window").nullable().default(null),
  minCohortSize: z.number().int().min(1, "At least 1.").max(10_000_000).nullable().default(null),
  frequencyCaps: z.partialRecord(z.enum(CHANNELS), frequencyCap).default({}),
  rationale: z.object({ assumptions: text(), limitations: text(), expectedOutcomes: text() }).default({ assumptions: "", limitations: "", expectedOutcomes: "" }),
  ownerId: z.uuid().optional(),
  team: textField(100).default(""),
  tags: z.array(textField(40).toLowerCase().min(1)).max(20).default([]),
  recertifyBy: boundedIsoDate({ error: "Use a date." }).nullable().default(null),
});
export type SegmentFields = z.infer<typeof segmentFields>;

// A stored version is these fields plus key and owner (domain/segment-version.ts); both
// directions must hold, so a field added to one and not the other stops the build.
type StoredFromInput = Omit<SegmentFields, "ownerId"> & { key: string; ownerId: string };
type Holds<T extends true> = T;
export type VersionDataMatchesInput = [Holds<StoredFromInput extends SegmentVersionData ? true : false>, Holds<SegmentVersionData extends StoredFromInput ? true : false>];

export const createSegmentInput = segmentFields.extend({ key });
export const updateSegmentInput = segmentFields.extend({
  id: z.uuid(),
  /** The version the edit started from; a save on top of a newer version is refused. */
  baseVersion: wholeNumber(1),
});
export const listSegmentsInput = z.object({
  ...pageInput,
  status: z.array(z.enum(SEGMENT_STATUSES)).optional(),
  sensitivity: z.array(z.enum(SENSITIVITIES)).optional(),
  goal: z.enum(BUSINESS_GOALS).optional(),
  channel: z.enum(CHANNELS).optional(),
  ownerId: z.uuid().optional(),
  team: textField(100).optional(),
  purposeId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  /**
   * blocked: a blocking finding no unexpired exception covers; warnings: any warning;
   * consent_changed: flagged because an input's consent changed after approval.
   */
  findings: z.enum(["blocked", "warnings", "consent_changed"]).optional(),
  /** due: active, and re-certification falls due within RECERT_DUE_SOON_DAYS (domain/recertification) or is past. */
  recertification: z.enum(["due"]).optional(),
  sort: z.enum(["name", "updated", "sensitivity", "status"]).default("name"),
});
export const byIdInput = z.object({ id: z.uuid() });
export const retireInput = z.strictObject({ id: z.uuid(), reason });
export const diffInput = z.object({ id: z.uuid(), from: wholeNumber(1), to: wholeNumber(1) });
export const globalSearchInput = z.object({ q: textField(200).min(1) });
