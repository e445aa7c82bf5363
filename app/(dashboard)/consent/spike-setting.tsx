"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { useTRPC } from "@/components/trpc/provider";

/** Privacy officers set the withdrawal-spike multiple: a new policy version, audited with the reason. */
export function SpikeSetting() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const policy = useQuery(trpc.policy.current.queryOptions());
  const [multiple, setMultiple] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const save = useMutation(
    trpc.consentMetrics.setSpikeMultiple.mutationOptions({
      onSuccess: () => {
        setMultiple(null);
        setReason("");
        void qc.invalidateQueries({ queryKey: trpc.policy.current.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.consentMetrics.report.queryKey() });
      },
    }),
  );
  const errors = formErrors(save.error);
  const current = policy.data?.settings.withdrawalSpikeMultiple;
  return (
    <Card title="Withdrawal-spike alert">
      <form
        className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start"
        aria-label="Withdrawal-spike alert"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ multiple: Number(multiple ?? current), reason: reason.trim() });
        }}
      >
        <TextField
          label="Alert above (× baseline)"
          name="multiple"
          inputMode="decimal"
          value={multiple ?? (current === undefined ? "" : String(current))}
          onChange={(e) => setMultiple(e.target.value)}
          error={errors.fields.multiple}
        />
        <TextField label="Reason for the change" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.reason} />
        <div className="sm:pt-6">
          <Button type="submit" pending={save.isPending} disabled={policy.isPending}>
            Save
          </Button>
        </div>
      </form>
      <p className="mt-2 text-xs text-slate-600">A saved change is a new policy version, in the audit trail with its reason. The baseline is the mean weekly rate of the 8 weeks before.</p>
      {errors.form && <p className="mt-2 text-sm text-red-700">{errors.form}</p>}
      {save.isSuccess && (
        <p role="status" className="mt-2 text-sm text-green-800">
          Saved as policy version {save.data.version}.
        </p>
      )}
    </Card>
  );
}
