"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { plural } from "./format";
import { ConsentPreview } from "./consent-preview";
import { ConsentRows, consentRowsProblem, type ConsentRow } from "./consent-rows";
import { useDebounced } from "@/components/ui/use-debounced";
import { FormActions } from "@/components/ui/form-actions";
import type { LawfulBasis } from "@/domain/vocab";

type Consent = { purposeId: string; lawfulBasis: LawfulBasis };

const keyOf = (rows: ReadonlyArray<{ purposeId: string; lawfulBasis: string }>) =>
  rows
    .map((r) => `${r.purposeId}:${r.lawfulBasis}`)
    .sort()
    .join("|");

/**
 * Changing a signal's consent provenance re-evaluates every segment downstream, so the change
 * is made in a dialog that shows its consequences (a what-if preview) before it is saved.
 */
export function ConsentChangeDialog({ signalId, signalName, current }: { signalId: string; signalName: string; current: ReadonlyArray<Consent> }) {
  const canEdit = useCan("signal:consent");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  if (!canEdit) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          Edit consent provenance
        </Button>
        {saved && (
          <p role="status" className="text-sm text-green-800" data-testid="consent-saved">
            {saved}
          </p>
        )}
      </div>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto max-h-[calc(100dvh-1.5rem)] w-[min(46rem,calc(100vw-1.5rem))] overflow-y-auto rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        {open && (
          <ConsentChangeForm
            titleId={titleId}
            signalId={signalId}
            signalName={signalName}
            current={current}
            onCancel={() => setOpen(false)}
            onSaved={(message) => {
              setSaved(message);
              setOpen(false);
            }}
          />
        )}
      </dialog>
    </div>
  );
}

function ConsentChangeForm({
  titleId,
  signalId,
  signalName,
  current,
  onCancel,
  onSaved,
}: {
  titleId: string;
  signalId: string;
  signalName: string;
  current: ReadonlyArray<Consent>;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: true }));
  const [rows, setRows] = useState<ConsentRow[]>(() => current.map((c) => ({ ...c })));
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);

  const problem = consentRowsProblem(rows);
  const changed = keyOf(rows) !== keyOf(current);
  const proposed = rows.filter((r): r is Consent => Boolean(r.purposeId && r.lawfulBasis));
  const settled = useDebounced(proposed, 400, keyOf(proposed));
  const previewable = !problem && changed;
  const preview = useQuery({
    ...trpc.signals.previewConsentChange.queryOptions({ id: signalId, consents: settled }),
    enabled: previewable && keyOf(settled) === keyOf(proposed),
    staleTime: 0,
    placeholderData: (prev) => prev,
  });

  const save = useMutation(
    trpc.signals.updateConsents.mutationOptions({
      onSuccess: async (r) => {
        // Findings, lists, counts and re-review requests may all have changed downstream.
        await qc.invalidateQueries();
        onSaved(`Saved; ${plural(r.reevaluated, "segment", "segments")} re-evaluated, ${plural(r.flagged.length, "active segment", "active segments")} flagged for re-review.`);
      },
    }),
  );
  const errors = formErrors(save.error);

  return (
    <form
      className="space-y-5 p-4 sm:p-6"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problem || !changed) return;
        save.mutate({ id: signalId, consents: proposed, reason: reason.trim() || undefined });
      }}
    >
      <div>
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Edit consent provenance
        </h2>
        <p className="mt-1 text-sm break-words text-slate-700">The consent purposes “{signalName}” was collected under. Every segment that uses it is re-evaluated when you save.</p>
      </div>
      <ConsentRows
        rows={rows}
        onChange={setRows}
        purposes={purposes.data ?? []}
        loading={purposes.isPending}
        loadError={purposes.error?.message ?? null}
        error={(tried && problem) || errors.fields.consents || null}
      />
      <ConsentPreview
        changed={changed}
        problem={problem}
        updating={previewable && (preview.isFetching || keyOf(settled) !== keyOf(proposed))}
        error={preview.error?.message ?? null}
        onRetry={() => preview.refetch()}
        items={previewable ? (preview.data ?? null) : null}
      />
      <TextField
        label="Reason for the change (optional)"
        name="reason"
        value={reason}
        maxLength={500}
        hint="Recorded in the audit trail, e.g. “the checkout form no longer asks for email opt-in”."
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields.reason}
      />
      <FormActions submitLabel="Save consent provenance" pending={save.isPending} disabled={!changed} error={errors.form} onCancel={onCancel}>
        {!changed && <span className="text-xs text-slate-600">Nothing changed yet.</span>}
      </FormActions>
    </form>
  );
}
