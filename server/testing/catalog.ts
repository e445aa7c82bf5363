import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { consentPurposes, dataCategories } from "@/server/db/schema";
import type { SessionUser } from "@/server/auth/identity";
import type { Group } from "@/domain/segment-definition";
import { callerFor } from "./fixtures";

let n = 0;
const uniq = (p: string) => `${p}_${Date.now().toString(36)}_${(n++).toString(36)}`;

export async function purposeId(db: Db, key: string) {
  const [p] = await db.select({ id: consentPurposes.id }).from(consentPurposes).where(eq(consentPurposes.key, key));
  return p!.id;
}
export async function categoryId(db: Db, key: string) {
  const [c] = await db.select({ id: dataCategories.id }).from(dataCategories).where(eq(dataCategories.key, key));
  return c!.id;
}

export async function makeSource(db: Db, steward: SessionUser, overrides: Partial<Record<string, unknown>> = {}) {
  return callerFor(db, steward).sources.create({
    key: uniq("src"),
    name: "Loyalty CRM",
    description: "",
    systemType: "crm",
    owner: "CRM team",
    jurisdictions: ["EU"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["checkout"],
    consentCaptureNotes: "",
    ...overrides,
  } as never);
}

export async function makeSignal(
  db: Db,
  steward: SessionUser,
  sourceId: string,
  opts: {
    name?: string;
    category?: string;
    valueType?: "number" | "boolean" | "timestamp" | "category" | "list";
    consents?: Array<[string, "consent" | "legitimate_interest" | "contract" | "legal_obligation"]>;
    allowedValues?: string[];
  } = {},
) {
  const consents = await Promise.all((opts.consents ?? [["marketing.email", "consent"]]).map(async ([key, lawfulBasis]) => ({ purposeId: await purposeId(db, key), lawfulBasis })));
  return callerFor(db, steward).signals.create({
    sourceId,
    key: uniq("sig"),
    name: opts.name ?? "Orders in last 90 days",
    description: "",
    categoryId: await categoryId(db, opts.category ?? "user.behavior.purchase_history"),
    kind: "transactional",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: opts.valueType ?? "number",
    allowedValues: opts.allowedValues ?? [],
    retentionDays: 365,
    consents,
  });
}

export const cond = (signalId: string, value = 2): Group["children"][number] => ({ type: "condition", signalId, operator: "gte", value });
export const ref = (segmentId: string, mode: "include" | "exclude" = "include"): Group["children"][number] => ({ type: "segment", segmentId, mode });
export const group = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });

export function segmentInput(definition: Group, overrides: Record<string, unknown> = {}) {
  return {
    key: uniq("seg"),
    name: "Frequent buyers",
    description: "",
    purposeStatement: "",
    businessGoal: "retention" as const,
    declaredPurposeIds: [],
    channels: ["email" as const],
    definition,
    ...overrides,
  };
}

/** A segment on one signal, documented well enough to be submitted for approval (purpose, rationale, cadence, cohort). */
export async function submittableSegmentInput(db: Db, signalId: string, overrides: Record<string, unknown> = {}) {
  return segmentInput(group(cond(signalId)), {
    purposeStatement: "Invite engaged readers to the loyalty programme.",
    rationale: { assumptions: "Clickers like offers", limitations: "Email only", expectedOutcomes: "+2% sign-ups" },
    refreshCadence: "daily",
    lookbackDays: 90,
    minCohortSize: 100,
    declaredPurposeIds: [await purposeId(db, "marketing.email")],
    ...overrides,
  });
}
