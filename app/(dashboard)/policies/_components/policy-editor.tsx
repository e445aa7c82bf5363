"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { plural } from "@/components/policy/format";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { Badge, Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { ChecksSection } from "./checks-section";
import { toForm, type Options, type PolicyForm } from "./policy-form";
import { CategoriesSection, ChannelsSection, JurisdictionsSection, ThresholdsSection } from "./settings-sections";
import { VersionHistory } from "./version-history";

// An empty box is sent as NaN so that the server's "Enter a number." shows next to it.
const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

export function PolicyEditor() {
  const trpc = useTRPC();
  const policy = useQuery(trpc.policy.current.queryOptions());
  const purposes = useQuery(trpc.purposes.list.queryOptions({ includeRetired: true }));
  const categories = useQuery(trpc.categories.list.queryOptions({ includeRetired: true }));
  const canManage = useCan("policy:manage");
  // Outlives the form, which starts afresh from each new version.
  const [saved, setSaved] = useState<string | null>(null);

  const failed = policy.error ?? purposes.error ?? categories.error;
  if (failed) {
    return (
      <ErrorState
        message={failed.message}
        onRetry={() => {
          void policy.refetch();
          void purposes.refetch();
          void categories.refetch();
        }}
      />
    );
  }
  if (!policy.data || !purposes.data || !categories.data) return <Spinner label="Loading the policy" />;
  const options: Options = { purposes: purposes.data, categories: categories.data };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3" data-testid="policy-version">
        <Badge tone="blue">Version {policy.data.version}</Badge>
        <p className="text-sm text-slate-700">{canManage ? "You can change the policy; a reason is required and recorded." : "Read only: privacy officers tune these checks."}</p>
      </div>
      {saved && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-2 text-sm text-green-900" data-testid="policy-saved">
          {saved}
        </p>
      )}
      <SettingsForm
        key={policy.data.version}
        initial={toForm(policy.data.settings)}
        options={options}
        canManage={canManage}
        onSaved={(message) => setSaved(message)}
        onEdit={() => setSaved(null)}
      />
      <VersionHistory />
    </div>
  );
}

function SettingsForm({
  initial,
  options,
  canManage,
  onSaved,
  onEdit,
}: {
  initial: PolicyForm;
  options: Options;
  canManage: boolean;
  onSaved: (message: string) => void;
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [form, setFormState] = useState(initial);
  const [reason, setReason] = useState("");
  const update = useMutation(
    trpc.policy.update.mutationOptions({
      onSuccess: async (r) => {
        onSaved(`Saved version ${r.version}; ${plural(r.reevaluated, "segment", "segments")} re-evaluated.`);
        // Every segment's findings may have changed, and with them lists and counts.
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.policy.pathKey() }), qc.invalidateQueries({ queryKey: trpc.segments.pathKey() })]);
      },
    }),
  );
  const errors = formErrors(update.error);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const setForm = (next: PolicyForm) => {
    onEdit();
    setFormState(next);
  };
  const sections = { form, setForm, errors: errors.fields, readOnly: !canManage, options };

  const body = (
    <>
      <ChecksSection {...sections} />
      <ThresholdsSection {...sections} />
      <ChannelsSection {...sections} />
      <CategoriesSection {...sections} />
      <JurisdictionsSection {...sections} />
    </>
  );
  if (!canManage) return <div className="space-y-6">{body}</div>;

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          ...form,
          minCohortSize: toNumber(form.minCohortSize),
          recertificationDays: toNumber(form.recertificationDays),
          reason,
        });
      }}
    >
      {body}
      <Card title="Save a new version">
        <div className="space-y-3">
          <TextArea
            label="Reason for the change"
            name="reason"
            value={reason}
            rows={2}
            aria-required
            maxLength={500}
            hint="Recorded with the new version and in the audit trail."
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields.reason}
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" pending={update.isPending}>
              Save policy
            </Button>
            {dirty ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setFormState(initial);
                  update.reset();
                }}
              >
                Discard changes
              </Button>
            ) : (
              <span className="text-xs text-slate-600">No changes yet.</span>
            )}
            {errors.form && (
              <p className="text-sm text-red-700" data-testid="form-error">
                {errors.form}
              </p>
            )}
          </div>
        </div>
      </Card>
    </form>
  );
}
