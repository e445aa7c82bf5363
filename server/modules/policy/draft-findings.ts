import { eq, isNull, or, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { consentPurposes, segments } from "@/server/db/schema";
import { uncollectedPurposes } from "@/server/policy/coverage";
import { evaluate } from "@/server/policy/engine";
import type { PolicySignal } from "@/server/policy/types";
import { loadPolicyInputs, loadPolicySignals, purposeNames } from "./inputs";
import type { draftFindingsInput } from "./schemas";
import { currentPolicy } from "./settings.service";

type Draft = z.infer<typeof draftFindingsInput>;

/**
 * The findings a segment would have if saved as it stands in the form, from the same engine and
 * policy as a save, and for every purpose in use the inputs not collected for it. Reads only.
 */
export async function draftFindings(db: DbOrTx, draft: Draft) {
  const [policy, names, direct, parents, purposes, saved] = await Promise.all([
    currentPolicy(db),
    purposeNames(db),
    loadPolicySignals(db, draft.signalIds),
    loadPolicyInputs(db, draft.parentSegmentIds),
    db
      .select({ id: consentPurposes.id, key: consentPurposes.key })
      .from(consentPurposes)
      .where(draft.declaredPurposeIds.length ? or(isNull(consentPurposes.retiredAt), inArray(consentPurposes.id, draft.declaredPurposeIds)) : isNull(consentPurposes.retiredAt)),
    draft.segmentId ? db.select({ approvedAt: segments.approvedAt }).from(segments).where(eq(segments.id, draft.segmentId)) : Promise.resolve([]),
  ]);
  // Direct inputs first, then each parent's, named by the path they arrive through; once each.
  const signals = new Map<string, PolicySignal>();
  for (const s of direct.values()) signals.set(s.id, { ...s, via: [] });
  for (const parent of parents.values()) {
    for (const s of parent.signals) if (!signals.has(s.id)) signals.set(s.id, { ...s, via: [parent.segment.name, ...s.via] });
  }
  const keyOf = new Map(purposes.map((p) => [p.id, p.key]));
  const findings = evaluate(
    {
      segment: {
        id: draft.segmentId ?? "draft",
        name: draft.name,
        declaredPurposeKeys: draft.declaredPurposeIds.map((id) => keyOf.get(id)).filter((k): k is string => Boolean(k)),
        channels: draft.channels,
        // The checks only ask whether these are written.
        purposeStatement: draft.written.purposeStatement ? "written" : "",
        rationale: {
          assumptions: draft.written.assumptions ? "written" : "",
          limitations: draft.written.limitations ? "written" : "",
          expectedOutcomes: draft.written.expectedOutcomes ? "written" : "",
        },
        ownerId: draft.ownerId,
        refreshCadence: draft.refreshCadence,
        lookbackDays: draft.lookbackDays,
        minCohortSize: draft.minCohortSize,
        frequencyCaps: Object.fromEntries(draft.cappedChannels.map((c) => [c, { count: 1, perDays: 1 }])),
        approvedAt: saved[0]?.approvedAt ?? null,
      },
      signals: [...signals.values()],
      purposeNames: names,
    },
    policy.settings,
  );
  const gaps = uncollectedPurposes([...signals.values()], [...keyOf.values()]);
  return {
    findings,
    uncollected: purposes.flatMap((p) => {
      const missing = gaps.get(p.key);
      const named = missing?.map((s) => ({ id: s.id, name: s.name, via: s.via })).sort((x, y) => x.name.localeCompare(y.name));
      return named ? [{ purposeId: p.id, signals: named }] : [];
    }),
  };
}
