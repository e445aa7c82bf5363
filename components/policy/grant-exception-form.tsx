"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { dayFromToday, endOfDay } from "@/domain/dates";
import { DateField } from "@/components/ui/date-field";

/** A privacy officer's time-boxed waiver of one blocking finding; the server re-checks every rule. */
export function GrantExceptionForm({ findingId, findingTitle, segmentId, onDone }: { findingId: string; findingTitle: string; segmentId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [justification, setJustification] = useState("");
  const [expiresOn, setExpiresOn] = useState(() => dayFromToday(30));
  const [local, setLocal] = useState<{ justification?: string; expiresAt?: string }>({});
  const grant = useMutation(
    trpc.policy.grantException.mutationOptions({
      onSuccess: async () => {
        // The segment's blocked state, the lists and the counts all change with it.
        await Promise.all([
          qc.invalidateQueries({ queryKey: trpc.segments.byId.queryKey({ id: segmentId }) }),
          qc.invalidateQueries({ queryKey: trpc.segments.list.queryKey() }),
          qc.invalidateQueries({ queryKey: trpc.policy.pathKey() }),
        ]);
        onDone();
      },
    }),
  );
  const errors = formErrors(grant.error);
  const min = dayFromToday(1);
  const max = dayFromToday(365);

  return (
    <form
      aria-label={`Grant an exception to “${findingTitle}”`}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: typeof local = {};
        if (justification.trim().length < 10) problems.justification = "Justify the exception (at least 10 characters).";
        if (!expiresOn) problems.expiresAt = "Choose an expiry date.";
        else if (expiresOn < min) problems.expiresAt = "The expiry must be in the future.";
        else if (expiresOn > max) problems.expiresAt = "Exceptions last at most one year; choose an earlier expiry.";
        setLocal(problems);
        if (Object.keys(problems).length === 0) grant.mutate({ findingId, justification: justification.trim(), expiresAt: endOfDay(expiresOn) });
      }}
    >
      <TextArea
        label="Justification"
        name="justification"
        value={justification}
        aria-required
        autoFocus
        hint="Why this use is acceptable despite the finding. It goes into the audit trail and evidence exports."
        onChange={(e) => setJustification(e.target.value)}
        error={local.justification ?? errors.fields.justification}
      />
      <div className="max-w-xs">
        <DateField
          label="Expires on"
          name="expiresAt"
          value={expiresOn}
          min={min}
          max={max}
          aria-required
          hint="At most one year from today. The exception stops counting at the end of this day (UTC)."
          onChange={setExpiresOn}
          error={local.expiresAt ?? errors.fields.expiresAt}
        />
      </div>
      <FormActions className="gap-2" submitLabel="Grant exception" pending={grant.isPending} error={errors.form} onCancel={onDone} />
    </form>
  );
}
