import type { APIRequestContext } from "@playwright/test";
import { mutate, query } from "./trpc";

/**
 * For the activation gate's browser tests: an active segment declaring email and SMS, brought
 * there through the API by an owner (marketer) and a steward, whose request contexts carry their
 * sessions. Returns its id and key.
 */
export async function activeGateSegment(owner: APIRequestContext, steward: APIRequestContext, tag: string): Promise<{ id: string; key: string }> {
  const { id, key } = await draftGateSegment(owner, steward, tag);
  const request = await mutate<{ id: string }>(owner, "reviews.submitSegment", { segmentId: id, justification: `Gate check ${tag}: a consented audience of engaged readers.` });
  await mutate(steward, "reviews.decide", { requestId: request.id, decision: "approve", comment: "" });
  await mutate(owner, "lifecycle.activate", { segmentId: id });
  return { id, key };
}

/** The same segment as a draft (minimum reportable cohort 100): its source and signal made by the steward, the segment by its owner. */
export async function draftGateSegment(owner: APIRequestContext, steward: APIRequestContext, tag: string): Promise<{ id: string; key: string }> {
  const purposes = await query<Array<{ id: string; key: string }>>(steward, "purposes.list", { includeRetired: false });
  const categories = await query<Array<{ id: string; key: string }>>(steward, "categories.list", { includeRetired: false });
  const purpose = (key: string) => purposes.find((p) => p.key === key)!.id;
  const source = await mutate<{ id: string }>(steward, "sources.create", {
    key: `gate_esp_${tag}`,
    name: `Gate ESP ${tag}`,
    systemType: "email_service",
    owner: "CRM team",
    jurisdictions: ["UK"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["preference_centre"],
  });
  // Engagement data is internal: one steward's approval is enough.
  const signal = await mutate<{ id: string }>(steward, "signals.create", {
    key: `gate_opens_${tag}`,
    name: `Gate opens ${tag}`,
    sourceId: source.id,
    categoryId: categories.find((c) => c.key === "user.behavior.email_engagement")!.id,
    kind: "behavioural",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: "number",
    retentionDays: 730,
    consents: [
      { purposeId: purpose("marketing.email"), lawfulBasis: "consent" },
      { purposeId: purpose("marketing.sms"), lawfulBasis: "consent" },
    ],
  });
  const key = `gate_${tag}`;
  const { id } = await mutate<{ id: string }>(owner, "segments.create", {
    key,
    name: `Gate readers ${tag}`,
    purposeStatement: "Send the newsletter to readers who open it.",
    businessGoal: "retention",
    declaredPurposeIds: [purpose("marketing.email"), purpose("marketing.sms")],
    channels: ["email", "sms"],
    frequencyCaps: { email: { count: 2, perDays: 7 }, sms: { count: 1, perDays: 7 } },
    definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 2 }] },
    refreshCadence: "daily",
    lookbackDays: 90,
    minCohortSize: 100,
    rationale: { assumptions: "Openers want more.", limitations: "Opens are undercounted.", expectedOutcomes: "More clicks." },
  });
  return { id, key };
}
