"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";

/**
 * Privacy officers set differential privacy's policy: whether segments report with noise unless a
 * privacy officer says otherwise, each segment's monthly epsilon budget, and what a release spends.
 * A new policy version, audited with the reason.
 */
export function PrivacyPolicyCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const canSet = useCan("metrics:privacy");
  const policy = useQuery(trpc.policy.current.queryOptions());
  const [edit, setEdit] = useState<{ defaultOn?: boolean; monthlyBudget?: string; epsilonPerRelease?: string }>({});
  const [reason, setReason] = useState("");
  const save = useMutation(
    trpc.metrics.setPrivacyPolicy.mutationOptions({
      onSuccess: () => {
        setEdit({});
        setReason("");
        void qc.invalidateQueries({ queryKey: trpc.policy.current.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.policy.versions.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.metrics.performance.queryKey() });
      },
    }),
  );
  const current = policy.data?.settings.differentialPrivacy;
  if (!canSet || !current) return null;
  const errors = formErrors(save.error);
  const defaultOn = edit.defaultOn ?? current.defaultOn;
  return (
    <Card title="Differential privacy for outcome reports">
      <form
        aria-label="Differential privacy policy"
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            settings: {
              defaultOn,
              monthlyBudget: Number(edit.monthlyBudget ?? current.monthlyBudget),
              epsilonPerRelease: Number(edit.epsilonPerRelease ?? current.epsilonPerRelease),
            },
            reason: reason.trim(),
          });
        }}
      >
        <label className="flex items-center gap-2 text-sm text-slate-800 lg:pt-7">
          <input type="checkbox" name="defaultOn" checked={defaultOn} onChange={(e) => setEdit({ ...edit, defaultOn: e.target.checked })} />
          On for every segment by default
        </label>
        <TextField
          label="Monthly budget per segment (ε)"
          name="monthlyBudget"
          inputMode="decimal"
          value={edit.monthlyBudget ?? String(current.monthlyBudget)}
          onChange={(e) => setEdit({ ...edit, monthlyBudget: e.target.value })}
        />
        <TextField
          label="Spent per release (ε)"
          name="epsilonPerRelease"
          inputMode="decimal"
          value={edit.epsilonPerRelease ?? String(current.epsilonPerRelease)}
          onChange={(e) => setEdit({ ...edit, epsilonPerRelease: e.target.value })}
        />
        <TextField label="Reason for this change" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.reason} />
        <div className="sm:col-span-2 lg:col-span-4">
          <Button type="submit" pending={save.isPending} disabled={policy.isPending}>
            Save
          </Button>
        </div>
      </form>
      <p className="mt-2 text-xs text-slate-600">
        A smaller ε per release means more noise on each count and more releases a month. A segment’s own choice, set on its Performance tab, overrides the default. A month’s budget is fixed
        by its first release.
      </p>
      {/* The settings are checked together (one release within the budget): their error names both. */}
      {(errors.form ?? errors.fields.settings) && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errors.form ?? errors.fields.settings}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="mt-2 text-sm text-green-800">
          Saved as policy version {save.data.version}.
        </p>
      )}
    </Card>
  );
}
