"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { formatDate } from "@/domain/dates";
import { formatCount } from "./performance-points";

export interface PrivacyStatusLike {
  differentialPrivacy: boolean;
  source: "segment" | "policy";
  policyDefault: boolean;
  epsilonPerRelease: number;
  errorPerCount: number;
  month: string;
  budget: number;
  spent: number;
  canRelease: boolean;
}

type Period = "day" | "week" | "month";
const eps = (v: number) => (Math.round(v * 1000) / 1000).toString();

/**
 * With differential privacy, numbers leave only by an explicit release: the panel shows, before
 * anything is spent, the error each count will carry and the month's budget left.
 */
export function NoisePanel({ segmentId, period, privacy, releasedAt }: { segmentId: string; period: Period; privacy: PrivacyStatusLike; releasedAt: string | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const release = useMutation(
    trpc.metrics.releaseWithNoise.mutationOptions({
      onSuccess: (answer) => qc.setQueryData(trpc.metrics.performance.queryKey({ segmentId, period }), answer),
    }),
  );
  const left = Math.max(0, privacy.budget - privacy.spent);
  const error = formErrors(release.error).form;
  return (
    <div className="space-y-2 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-slate-800" data-testid="noise-panel">
      <p>
        <strong>Differential privacy is on</strong> for this segment’s reports{privacy.source === "policy" ? " (the policy’s default)" : ""}. Counts are released with random noise: each is
        within <strong>± {formatCount(privacy.errorPerCount)} people</strong> of the truth 95% of the time. Revenue is not released.
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <BudgetMeter budget={privacy.budget} spent={privacy.spent} month={privacy.month} />
        <Button onClick={() => release.mutate({ segmentId, period })} pending={release.isPending} disabled={!privacy.canRelease}>
          Release today’s numbers (spends ε {eps(privacy.epsilonPerRelease)})
        </Button>
      </div>
      <p className="text-xs text-slate-700">
        {!privacy.canRelease
          ? `This month’s budget is spent (ε ${eps(left)} left, a release needs ${eps(privacy.epsilonPerRelease)}): only numbers released before are shown. The budget renews on the 1st.`
          : releasedAt
            ? `Showing the numbers released on ${formatDate(releasedAt)}. A new release spends ε ${eps(privacy.epsilonPerRelease)} of the ε ${eps(left)} left this month.`
            : `No numbers have been released for this view yet. A release spends ε ${eps(privacy.epsilonPerRelease)} of the ε ${eps(left)} left this month.`}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <NoiseModeControl segmentId={segmentId} privacy={privacy} />
    </div>
  );
}

function BudgetMeter({ budget, spent, month }: { budget: number; spent: number; month: string }) {
  return (
    <div className="min-w-56">
      <div className="text-xs font-medium text-slate-700">
        Privacy budget for {month}: ε {eps(spent)} of {eps(budget)} spent
      </div>
      <meter className="h-2 w-full" min={0} max={budget} value={spent} aria-label={`Privacy budget spent in ${month}`} />
    </div>
  );
}

/** Privacy officers only: noise on or off for this segment, or the policy's default; audited with the reason. */
export function NoiseModeControl({ segmentId, privacy }: { segmentId: string; privacy: Pick<PrivacyStatusLike, "differentialPrivacy" | "source" | "policyDefault"> }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const canSet = useCan("metrics:privacy");
  const current = privacy.source === "policy" ? "policy" : privacy.differentialPrivacy ? "on" : "off";
  const [choice, setChoice] = useState(current);
  const [reason, setReason] = useState("");
  const save = useMutation(
    trpc.metrics.setPrivacyMode.mutationOptions({
      onSuccess: () => {
        setReason("");
        void qc.invalidateQueries({ queryKey: trpc.metrics.performance.queryKey() });
      },
    }),
  );
  if (!canSet) return null;
  const errors = formErrors(save.error);
  return (
    <form
      aria-label="Differential privacy for this segment"
      className="grid gap-2 border-t border-brand-100 pt-2 sm:grid-cols-[14rem_1fr_auto] sm:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ segmentId, differentialPrivacy: choice === "policy" ? null : choice === "on", reason: reason.trim() });
      }}
    >
      <SelectField label="Differential privacy" name="noise" value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)}>
        <option value="policy">Policy default ({privacy.policyDefault ? "on" : "off"})</option>
        <option value="on">On for this segment</option>
        <option value="off">Off for this segment</option>
      </SelectField>
      <TextField label="Reason for the change" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.reason} />
      <div className="sm:pt-6">
        <Button type="submit" variant="secondary" pending={save.isPending} disabled={choice === current}>
          Save
        </Button>
      </div>
      {errors.form && <p className="text-sm text-red-700 sm:col-span-3">{errors.form}</p>}
    </form>
  );
}
