"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { formErrors } from "@/components/ui/errors";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card } from "@/components/ui/layout";
import { Spinner, PageError } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetiredBadge } from "../../_inventory/badges";
import { DetailHeader } from "@/components/ui/breadcrumb";
import { DataUseRequest } from "@/components/reviews/request-forms/data-use";
import { Facts, None, NotFound } from "../../_inventory/detail";
import { JURISDICTION_NAMES, formatRetention, type Jurisdiction } from "../../_inventory/format";
import { LifecycleActions } from "../../_inventory/lifecycle-actions";
import { SourceForm, sourcePayload, type SourceValues } from "./source-form";
import { SourceSignals } from "./source-signals";
import { LineageGraph } from "@/components/lineage/lineage-graph";

type Source = inferRouterOutputs<AppRouter>["sources"]["byId"];

function toValues(s: Source): SourceValues {
  return {
    key: s.key,
    name: s.name,
    description: s.description,
    systemType: s.systemType,
    owner: s.owner,
    jurisdictions: s.jurisdictions as Jurisdiction[],
    retentionDays: String(s.retentionDays),
    encryptedInTransit: s.encryptedInTransit,
    encryptedAtRest: s.encryptedAtRest,
    pseudonymised: s.pseudonymised,
    consentCapturePoints: s.consentCapturePoints,
    consentCaptureNotes: s.consentCaptureNotes,
  };
}

const yesNo = (v: boolean, yes: string, no: string) => (
  <span>
    <span className="font-medium">{v ? "Yes" : "No"}</span> — {v ? yes : no}
  </span>
);

export function SourceDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const source = useQuery(trpc.sources.byId.queryOptions({ id }));
  if (source.isPending) return <Spinner label="Loading the data source" />;
  if (source.error) {
    if (source.error.data?.code === "NOT_FOUND") return <NotFound what="Data source" href="/catalog/sources" back="Back to all data sources" />;
    return <PageError title="Data source" message={source.error.message} onRetry={() => source.refetch()} />;
  }
  return <SourceView source={source.data} />;
}

function useInvalidateSource(id: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.sources.byId.queryKey({ id }) }),
      qc.invalidateQueries({ queryKey: trpc.sources.list.queryKey() }),
      qc.invalidateQueries({ queryKey: trpc.signals.list.queryKey() }),
    ]);
}

function SourceView({ source: s }: { source: Source }) {
  const trpc = useTRPC();
  const canManage = useCan("source:manage");
  const canReadSignals = useCan("signal:read");
  const invalidate = useInvalidateSource(s.id);
  const [editing, setEditing] = useState(false);
  const update = useMutation(
    trpc.sources.update.mutationOptions({
      // Fresh data first, so the details never show the values from before the save.
      onSuccess: async () => {
        await invalidate();
        setEditing(false);
      },
    }),
  );
  const retire = useMutation(trpc.sources.retire.mutationOptions({ onSuccess: () => invalidate() }));
  const restore = useMutation(trpc.sources.restore.mutationOptions({ onSuccess: () => invalidate() }));

  return (
    <div className="space-y-6">
      <div>
        <DetailHeader
          back={{ href: "/catalog/sources", label: "Data sources" }}
          title={s.name}
          badges={
            <>
              <code className="text-xs break-all text-slate-800">{s.key}</code>
              <span>{LABELS.systemType[s.systemType]}</span>
              {s.retiredAt && <RetiredBadge />}
            </>
          }
        />
        <LifecycleActions
          entity={s}
          entityType="data_source"
          canManage={canManage}
          editing={editing}
          onEdit={() => {
            update.reset();
            setEditing(true);
          }}
          retire={retire}
          restore={restore}
        />
      </div>
      {!s.retiredAt && !editing && <DataUseRequest subjectType="data_source" subjectId={s.id} subjectName={s.name} />}
      {editing ? (
        <Card title="Edit data source">
          <SourceForm
            initial={toValues(s)}
            keyEditable={false}
            submitLabel="Save changes"
            pending={update.isPending}
            errors={formErrors(update.error)}
            onSubmit={(v) => update.mutate({ ...sourcePayload(v), id: s.id })}
            onCancel={() => setEditing(false)}
          />
        </Card>
      ) : (
        <Card title="Details">
          <Facts
            items={[
              { label: "Description", value: s.description || <None>No description yet</None>, wide: true },
              { label: "System type", value: LABELS.systemType[s.systemType] },
              { label: "Owner", value: s.owner },
              {
                label: "Jurisdictions",
                value: (
                  <span className="flex flex-wrap gap-1">
                    {s.jurisdictions.map((j) => (
                      <Badge key={j}>
                        {j} · {JURISDICTION_NAMES[j as Jurisdiction] ?? j}
                      </Badge>
                    ))}
                  </span>
                ),
              },
              { label: "Retention", value: `${formatRetention(s.retentionDays)}${s.retentionDays % 365 === 0 ? ` (${s.retentionDays} days)` : ""}` },
              { label: "Encrypted in transit", value: yesNo(s.encryptedInTransit, "data travels encrypted", "data travels unencrypted") },
              { label: "Encrypted at rest", value: yesNo(s.encryptedAtRest, "data is stored encrypted", "data is stored unencrypted") },
              { label: "Pseudonymised", value: yesNo(s.pseudonymised, "people are identified by pseudonyms, not directly", "people can be identified directly") },
              {
                label: "Consent capture points",
                value: s.consentCapturePoints.length ? s.consentCapturePoints.map((c) => LABELS.capturePoint[c]).join(", ") : <None>Not recorded</None>,
              },
              { label: "Active signals", value: s.signalCount },
              { label: "How consent is captured", value: s.consentCaptureNotes ? <span className="whitespace-pre-line">{s.consentCaptureNotes}</span> : <None>No notes</None>, wide: true },
              { label: "Created", value: formatDateTime(s.createdAt) },
              { label: "Last updated", value: formatDateTime(s.updatedAt) },
              ...(s.retiredAt ? [{ label: "Retired", value: formatDateTime(s.retiredAt) }] : []),
            ]}
          />
        </Card>
      )}
      {canReadSignals && <SourceSignals sourceId={s.id} retired={Boolean(s.retiredAt)} />}
      <Card title="Lineage: what this source feeds">
        <LineageGraph node={`source:${s.id}`} initialDirection="downstream" height={420} />
      </Card>
    </div>
  );
}
