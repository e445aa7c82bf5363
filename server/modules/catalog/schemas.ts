import { z } from "zod";
import { groupSchema } from "./definition";
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

const key = z
  .string()
  .trim()
  .min(2, "Enter a key.")
  .max(80, "Use at most 80 characters.")
  .regex(/^[a-z][a-z0-9_]*$/, "Use lower-case letters, digits and underscores (e.g. orders_90d).");
const name = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
const text = (max = 4000) => z.string().trim().max(max, `Use at most ${max} characters.`).default("");
const days = (what: string) => z.number({ error: `Enter ${what} in days.` }).int("Use whole days.").min(1, "At least 1 day.").max(36500, "At most 100 years.");
const reason = z.string().trim().min(3, "Say why (at least 3 characters).").max(500);

const pageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  dir: z.enum(["asc", "desc"]).default("asc"),
  q: z.string().trim().max(200).optional(),
  includeRetired: z.boolean().default(false),
};

// ---- data sources

const sourceFields = z.object({
  name,
  description: text(),
  systemType: z.enum(SYSTEM_TYPES, { error: "Choose a system type." }),
  owner: z.string().trim().min(1, "Name the owner (a person or team).").max(200),
  jurisdictions: z.array(z.enum(JURISDICTIONS)).min(1, "Choose at least one jurisdiction."),
  retentionDays: days("retention"),
  encryptedInTransit: z.boolean(),
  encryptedAtRest: z.boolean(),
  pseudonymised: z.boolean(),
  consentCapturePoints: z.array(z.enum(CAPTURE_POINTS)),
  consentCaptureNotes: text(2000),
});
export const createSourceInput = sourceFields.extend({ key });
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
  allowedValues: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
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
  rationale: z
    .object({ assumptions: text(), limitations: text(), expectedOutcomes: text() })
    .default({ assumptions: "", limitations: "", expectedOutcomes: "" }),
  ownerId: z.uuid().optional(),
  team: z.string().trim().max(100).default(""),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20).default([]),
  recertifyBy: z.iso.date({ error: "Use a date." }).nullable().default(null),
});
export type SegmentFields = z.infer<typeof segmentFields>;

export const createSegmentInput = segmentFields.extend({ key });
export const updateSegmentInput = segmentFields.extend({
  id: z.uuid(),
  /** The version the edit started from; a save on top of a newer version is refused. */
  baseVersion: z.number().int().min(1),
});
/** Days ahead in which an active segment's re-certification counts as due. */
export const RECERT_DUE_SOON_DAYS = 30;
export const listSegmentsInput = z.object({
  ...pageInput,
  status: z.array(z.enum(SEGMENT_STATUSES)).optional(),
  sensitivity: z.array(z.enum(SENSITIVITIES)).optional(),
  goal: z.enum(BUSINESS_GOALS).optional(),
  channel: z.enum(CHANNELS).optional(),
  ownerId: z.uuid().optional(),
  team: z.string().trim().max(100).optional(),
  purposeId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  /**
   * blocked: a blocking finding no unexpired exception covers; warnings: any warning;
   * consent_changed: flagged because an input's consent changed after approval.
   */
  findings: z.enum(["blocked", "warnings", "consent_changed"]).optional(),
  /** due: active, and re-certification falls due within RECERT_DUE_SOON_DAYS (or is past). */
  recertification: z.enum(["due"]).optional(),
  sort: z.enum(["name", "updated", "sensitivity", "status"]).default("name"),
});
export const byIdInput = z.object({ id: z.uuid() });
export const retireInput = z.strictObject({ id: z.uuid(), reason });
export const diffInput = z.object({ id: z.uuid(), from: z.number().int().min(1), to: z.number().int().min(1) });
export const globalSearchInput = z.object({ q: z.string().trim().min(1).max(200) });
