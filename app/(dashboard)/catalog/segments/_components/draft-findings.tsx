"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useId, useMemo } from "react";
import { findingBorder, FindingText } from "@/components/policy/finding-text";
import { useTRPC } from "@/components/trpc/provider";
import { ErrorState } from "@/components/ui/states";
import { useDebounced } from "@/components/ui/use-debounced";
import type { AppRouter } from "@/server/trpc/root";
import type { EditorGroup, EditorNode, SegmentForm } from "./form-state";

type DraftInput = inferRouterInputs<AppRouter>["policy"]["draftFindings"];
export type DraftResult = inferRouterOutputs<AppRouter>["policy"]["draftFindings"];

function inputsOf(g: EditorGroup, out = { signalIds: new Set<string>(), parentSegmentIds: new Set<string>() }) {
  const visit = (n: EditorNode) => {
    if (n.type === "group") n.children.forEach(visit);
    else if (n.type === "condition" && n.signalId) out.signalIds.add(n.signalId);
    else if (n.type === "segment" && n.segmentId) out.parentSegmentIds.add(n.segmentId);
  };
  visit(g);
  return out;
}

/** A form number as the checks read it: null until it is a whole number. */
const wholeOrNull = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/** What the checks read of the form, nothing more (see `draftFindingsInput`). */
export function draftOf(form: SegmentForm, segmentId: string | null): DraftInput {
  const { signalIds, parentSegmentIds } = inputsOf(form.definition);
  return {
    segmentId,
    name: form.name.slice(0, 200),
    signalIds: [...signalIds].slice(0, 250),
    parentSegmentIds: [...parentSegmentIds].slice(0, 50),
    declaredPurposeIds: form.declaredPurposeIds,
    channels: form.channels,
    written: {
      purposeStatement: form.purposeStatement.trim() !== "",
      assumptions: form.assumptions.trim() !== "",
      limitations: form.limitations.trim() !== "",
      expectedOutcomes: form.expectedOutcomes.trim() !== "",
    },
    ownerId: form.ownerId || null,
    refreshCadence: form.refreshCadence || null,
    lookbackDays: wholeOrNull(form.lookbackDays),
    minCohortSize: wholeOrNull(form.minCohortSize),
    cappedChannels: form.channels.filter((c) => {
      const cap = form.frequencyCaps[c];
      return Boolean(cap && cap.count.trim() && cap.perDays.trim());
    }),
  };
}

/** The draft's live findings: asked once the form has been still for 600 ms, the last answer kept meanwhile. */
export function useDraftFindings(form: SegmentForm, segmentId: string | null) {
  const trpc = useTRPC();
  const draft = useMemo(() => draftOf(form, segmentId), [form, segmentId]);
  const key = JSON.stringify(draft);
  const settled = useDebounced(draft, 600, key);
  const query = useQuery({ ...trpc.policy.draftFindings.queryOptions(settled), placeholderData: (prev) => prev, staleTime: 30_000 });
  return { query, updating: query.isFetching || JSON.stringify(settled) !== key };
}

/** The side panel: what saving the form as it stands would find, from the same engine. */
export function DraftFindingsPanel({ state }: { state: ReturnType<typeof useDraftFindings> }) {
  const titleId = useId();
  const { query, updating } = state;
  const findings = query.data?.findings ?? [];
  const blocking = findings.filter((f) => f.severity === "block").length;
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="draft-findings">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Consent check
        </h2>
        {updating && query.data && <span className="text-xs text-slate-600">Updating…</span>}
      </div>
      <p className="mt-1 text-xs text-slate-600">The checks a save would run, on the form as it stands. Nothing is saved.</p>
      <div aria-live="polite" className="mt-3 space-y-3">
        {query.error && !query.data && <ErrorState message={`The check failed: ${query.error.message}`} onRetry={() => void query.refetch()} />}
        {query.isPending && !query.error && <p className="text-sm text-slate-700">Checking the draft…</p>}
        {query.data && (
          <p className={`text-sm font-medium ${blocking ? "text-red-800" : "text-slate-800"}`} data-testid="draft-findings-summary">
            {findings.length === 0
              ? "No findings: every check passes so far."
              : `${blocking} blocking, ${findings.length - blocking} ${findings.length - blocking === 1 ? "warning" : "warnings"}`}
          </p>
        )}
        {query.error && query.data && <p className="text-xs text-red-700">Could not update: {query.error.message}</p>}
        {findings.length > 0 && (
          <ul className="space-y-2">
            {findings.map((f, i) => (
              <li key={`${f.policyKey}-${i}`} className={`rounded-md border bg-white p-3 ${findingBorder({ ...f, exception: null })}`} data-testid={`draft-finding-${f.policyKey}`}>
                <FindingText finding={{ ...f, exception: null }} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
