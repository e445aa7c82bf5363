import { z } from "zod";
import { boundedDate } from "@/domain/bounds";
import { textField } from "@/domain/text";
import { CHANNELS, LAWFUL_BASES, REFRESH_CADENCES } from "@/domain/vocab";
import { CHECK_KEYS, SEVERITIES } from "@/server/policy/types";

const check = z.object({ enabled: z.boolean(), severity: z.enum(SEVERITIES) });
const keyList = z.array(textField(120).min(1)).max(100);

export const spikeMultiple = z
  .number({ error: "Enter a number." })
  .min(1.5, "At least 1.5: below that, ordinary weeks would alert.")
  .max(20, "At most 20.")
  .refine((n) => Number.isInteger(n * 10), "Use at most one decimal.");

export const differentialPrivacySettings = z
  .strictObject({
    defaultOn: z.boolean(),
    monthlyBudget: z.number({ error: "Enter a number." }).gt(0, "More than 0.").max(100, "At most 100."),
    epsilonPerRelease: z.number({ error: "Enter a number." }).min(0.01, "At least 0.01.").max(10, "At most 10."),
  })
  .refine((s) => s.epsilonPerRelease <= s.monthlyBudget, { message: "One release cannot spend more than the month's budget.", path: ["epsilonPerRelease"] });

export const updatePolicyInput = z.object({
  checks: z.object(Object.fromEntries(CHECK_KEYS.map((k) => [k, check])) as Record<(typeof CHECK_KEYS)[number], typeof check>),
  minCohortSize: z.number({ error: "Enter a number." }).int("Use a whole number.").min(1, "At least 1.").max(100_000),
  recertificationDays: z.number({ error: "Enter a number of days." }).int("Use whole days.").min(7, "At least 7 days.").max(1095, "At most 3 years."),
  channelPurposes: z.partialRecord(z.enum(CHANNELS), textField(120).min(1)),
  specialCategoryKeys: keyList,
  childrenCategoryKeys: keyList,
  marketingPurposeKeys: keyList,
  profilingPurposeKeys: keyList,
  oneToOneChannels: z.array(z.enum(CHANNELS)),
  euJurisdictions: z.array(textField(20).min(1)).max(20),
  /** Left out (the policy form does not show it), the policy in force keeps its multiple. */
  withdrawalSpikeMultiple: spikeMultiple.optional(),
  /** Left out, the policy in force keeps its differential-privacy settings (set on the policies page's own card). */
  differentialPrivacy: differentialPrivacySettings.optional(),
  reason: textField(500).min(3, "Say why you are changing the policy (at least 3 characters)."),
});

export const grantExceptionInput = z.strictObject({
  findingId: z.uuid(),
  justification: textField(2000).min(10, "Justify the exception (at least 10 characters)."),
  expiresAt: boundedDate({ error: "Choose an expiry date." }),
});
export const revokeExceptionInput = z.strictObject({ id: z.uuid(), reason: textField(500).min(3, "Say why (at least 3 characters).") });
export const listExceptionsInput = z.object({ status: z.enum(["active", "expired", "revoked", "all"]).default("active"), segmentId: z.uuid().optional() });
export const previewConsentInput = z.object({
  id: z.uuid(),
  consents: z.array(z.object({ purposeId: z.uuid(), lawfulBasis: z.enum(LAWFUL_BASES) })).max(50),
});
export const updateConsentsInput = previewConsentInput.extend({ reason: textField(500).optional() });

/**
 * A segment as it stands in the form, for its live findings. Only what the checks read: the
 * inputs' ids, and whether each text is written (the checks ask no more, and a query's input
 * travels in the URL). Lenient where the form is half-filled: a number not yet valid is null.
 */
export const draftFindingsInput = z.strictObject({
  segmentId: z.uuid().nullable().default(null),
  name: textField(200).default(""),
  signalIds: z.array(z.uuid()).max(250),
  parentSegmentIds: z.array(z.uuid()).max(50),
  declaredPurposeIds: z.array(z.uuid()).max(30),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length),
  written: z.strictObject({ purposeStatement: z.boolean(), assumptions: z.boolean(), limitations: z.boolean(), expectedOutcomes: z.boolean() }),
  ownerId: z.uuid().nullable(),
  refreshCadence: z.enum(REFRESH_CADENCES).nullable(),
  lookbackDays: z.number().int().min(0).max(100_000).nullable(),
  minCohortSize: z.number().int().min(0).max(10_000_000).nullable(),
  cappedChannels: z.array(z.enum(CHANNELS)).max(CHANNELS.length),
});
