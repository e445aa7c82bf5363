import { z } from "zod";
import { textField } from "@/domain/text";
import { CHANNELS, SEGMENT_STATUSES } from "@/domain/vocab";
import { decideActivation, DECISION_REASON_CODES } from "@/domain/activation-decision";

/**
 * The activation gate's request and answer shapes. The route handlers validate with these, and
 * they are exported so that the OpenAPI document can be generated from the same schemas.
 */

/** Most pairs one POST /api/v1/decisions may ask about; more is a 413 before any work. */
export const MAX_BATCH_DECISIONS = 1000;

const channel = z.enum(CHANNELS, { error: (issue) => (issue.input === undefined ? "is required" : `must be one of ${CHANNELS.join(", ")}`) });
/** A consent purpose key as the taxonomy spells it (marketing.email, tcf.1 …). */
const purposeKey = textField(120).regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "must be a consent purpose key, e.g. marketing.email");

/** The `{key}` of /api/v1/segments/{key}/decision: a malformed key is a 404 like an unknown one. */
export const segmentKeyParams = z.object({ key: textField(80).regex(/^[a-z][a-z0-9_]*$/) });

/** GET …/decision's query string; an unknown parameter is refused, so a misspelt `purpose` cannot go unchecked. */
export const decisionQuery = z.strictObject({ channel, purpose: purposeKey.optional() });
export type DecisionQuery = z.infer<typeof decisionQuery>;

export const decisionAsk = z.strictObject({
  /** A segment key; one that names no segment is answered allowed:false with reason segment_unknown. */
  segment: textField(200).min(1, "must not be empty"),
  channel,
  purpose: purposeKey.optional(),
});
export type DecisionAsk = z.infer<typeof decisionAsk>;

/** POST /api/v1/decisions's body: `{ decisions: [...] }`, answered in the same order. */
export const decisionBatchBody = z.strictObject({ decisions: z.array(decisionAsk).min(1, "ask about at least one segment").max(MAX_BATCH_DECISIONS) });
export type DecisionBatchBody = z.infer<typeof decisionBatchBody>;

export const decisionReasonSchema = z.object({ code: z.enum(DECISION_REASON_CODES), message: z.string() });

/** The reference's example answer, decided by the gate's own rule: push asked of a segment declaring email and SMS, re-certification overdue. */
const EXAMPLE_AT = "2026-12-04T09:30:00.000Z";
const exampleDecision = decideActivation(
  { status: "active", channels: ["email", "sms"], purposeKeys: ["marketing.email"], blockingFindings: [], consentChangedUpstream: false, recertifyBy: "2026-11-02" },
  { channel: "push" },
  new Date(EXAMPLE_AT),
);

export const decisionSchema = z
  .object({
    allowed: z.boolean(),
    /** name is null only for a key that names no segment (batch answers). */
    segment: z.object({ key: z.string(), name: z.string().nullable() }),
    /** The version in force (approved); null when none is, or the segment is unknown. */
    version: z.number().int().min(1).nullable(),
    status: z.enum(SEGMENT_STATUSES).nullable(),
    channel: z.enum(CHANNELS),
    reasons: z.array(decisionReasonSchema),
    /** The version in force's cap for this channel, or null when it sets none. */
    frequencyCap: z.object({ count: z.number().int().min(1), perDays: z.number().int().min(1) }).nullable(),
    minimumCohort: z.number().int().min(1).nullable(),
    evaluatedAt: z.iso.datetime(),
  })
  .meta({
    example: {
      allowed: exampleDecision.allowed,
      segment: { key: "frequent_buyers", name: "Frequent buyers" },
      version: 3,
      status: "active",
      channel: "push",
      reasons: exampleDecision.reasons,
      frequencyCap: null,
      minimumCohort: 500,
      evaluatedAt: EXAMPLE_AT,
    },
  });
export type DecisionAnswer = z.infer<typeof decisionSchema>;

export const decisionBatchAnswer = z.object({ decisions: z.array(decisionSchema) });
