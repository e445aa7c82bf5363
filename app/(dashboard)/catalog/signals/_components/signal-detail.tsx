"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { formErrors } from "@/components/ui/errors";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, Spinner, PageError } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import type { AppRouter } from "@/server/trpc/root";
import { RetiredBadge, SensitivityBadge, SpecialCategoryBadge } from "../../_inventory/badges";
import { DetailHeader } from "@/components/ui/breadcrumb";
import { DataUseRequest } from "@/components/reviews/request-forms/data-use";
import { Facts, None, NotFound } from "../../_inventory/detail";
import { formatRetention, textLink } from "../../_inventory/format";
import { LifecycleActions } from "../../_inventory/lifecycle-actions";
import { ConsentChangeDialog } from "@/components/policy/consent-provenance-editor";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import { SignalForm, signalPayload, type SignalValues } from "./signal-form";

type Signal = inferRouterOutputs<AppRouter>["signals"]["byId"];

export function SignalDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const signal = useQuery(trpc.signals.byId.queryOptions({ id }));
  if (signal.isPending) return <Spinner label="Loading the signal" />;
  if (signal.error) {
    if (signal.error.data?.code === "NOT_FOUND") return <NotFound what="Signal" href="/catalog/signals" back="Back to all signals" />;
    return <PageError title="Signal" message={signal.error.message} onRetry={() => signal.refetch()} />;
  }
  return <SignalView signal={signal.data} />;
}

function toValues(s: Signal): SignalValues {
  return {
    key: s.key,
    name: s.name,
    description: s.description,
    sourceId: s.sourceId,
    categoryId: s.categoryId,
    kind: s.kind,
    fidelity: s.fidelity,
    identifiability: s.identifiability,
    valueType: s.valueType,
    allowedValues: s.allowedValues.join("\n"),
    retentionDays: String(s.retentionDays),
    consents: s.consents.map((c) => ({ purposeId: c.purposeId, lawfulBasis: c.lawfulBasis })),
  };
}

function SignalView({ signal: s }: { signal: Signal }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const canManage = useCan("signal:manage");
  const [editing, setEditing] = useState(false);
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.signals.pathKey() }), qc.invalidateQueries({ queryKey: trpc.sources.pathKey() })]);
  const update = useMutation(
    trpc.signals.update.mutationOptions({
      // Fresh data first, so the details never show the values from before the save.
      onSuccess: async () => {
        await invalidate();
        setEditing(false);
      },
    }),
  );
  const retire = useMutation(trpc.signals.retire.mutationOptions({ onSuccess: () => invalidate() }));
  const restore = useMutation(trpc.signals.restore.mutationOptions({ onSuccess: () => invalidate() }));

  return (
    <div className="space-y-6">
      <div>
        <DetailHeader
          back={{ href: "/catalog/signals", label: "Signals" }}
          title={s.name}
          badges={
            <>
              <code className="text-xs break-all text-slate-800">{s.key}</code>
              <span>
                from{" "}
                <Link href={`/catalog/sources/${s.sourceId}`} className={textLink}>
                  {s.sourceName}
                </Link>
              </span>
              <SensitivityBadge value={s.sensitivity} />
              {s.isSpecialCategory && <SpecialCategoryBadge />}
              {s.retiredAt && <RetiredBadge />}
            </>
          }
        />
        <LifecycleActions
          entity={s}
          entityType="signal"
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
      {!s.retiredAt && !editing && <DataUseRequest subjectType="signal" subjectId={s.id} subjectName={s.name} />}
      {editing ? (
        <Card title="Edit signal">
          <SignalForm
            initial={toValues(s)}
            keyEditable={false}
            current={{ sourceName: s.sourceName }}
            submitLabel="Save changes"
            pending={update.isPending}
            errors={formErrors(update.error)}
            onSubmit={(v) => update.mutate({ ...signalPayload(v), id: s.id })}
            onCancel={() => setEditing(false)}
          />
        </Card>
      ) : (
        <>
          <Card title="Details">
            <Facts
              items={[
                { label: "Description", value: s.description || <None>No description yet</None>, wide: true },
                {
                  label: "Data source",
                  value: (
                    <Link href={`/catalog/sources/${s.sourceId}`} className={textLink}>
                      {s.sourceName}
                    </Link>
                  ),
                },
                {
                  label: "Data category",
                  value: (
                    <span className="flex flex-wrap items-center gap-2">
                      <span>
                        {s.categoryName} <code className="text-xs text-slate-700">{s.categoryKey}</code>
                      </span>
                      <SensitivityBadge value={s.sensitivity} />
                      {s.isSpecialCategory && <SpecialCategoryBadge />}
                    </span>
                  ),
                },
                { label: "Kind", value: LABELS.kind[s.kind] },
                { label: "Fidelity", value: LABELS.fidelity[s.fidelity] },
                { label: "Identifiability", value: LABELS.identifiability[s.identifiability] },
                { label: "Value type", value: LABELS.valueType[s.valueType] },
                ...(s.valueType === "category" || s.valueType === "list"
                  ? [
                      {
                        label: "Allowed values",
                        value: (
                          <span className="flex flex-wrap gap-1">
                            {s.allowedValues.map((v) => (
                              <Badge key={v}>{v}</Badge>
                            ))}
                          </span>
                        ),
                        wide: true,
                      },
                    ]
                  : []),
                { label: "Retention", value: formatRetention(s.retentionDays) },
                { label: "Source jurisdictions", value: s.sourceJurisdictions.join(", ") || <None /> },
                { label: "Last updated", value: formatDateTime(s.updatedAt) },
                ...(s.retiredAt ? [{ label: "Retired", value: formatDateTime(s.retiredAt) }] : []),
              ]}
            />
          </Card>
          <ConsentProvenance signal={s} />
        </>
      )}
      <UsedBy signal={s} />
      <Card title="Lineage">
        <LineageGraph node={`signal:${s.id}`} initialDirection="both" height={420} />
      </Card>
    </div>
  );
}

function ConsentProvenance({ signal: s }: { signal: Signal }) {
  return (
    <Card title="Consent provenance">
      {s.consents.length === 0 ? (
        <EmptyState title="No consent purposes recorded">Without one, no segment can use this signal for any purpose.</EmptyState>
      ) : (
        <TableWrap label="Consent provenance">
          <TableHead columns={["Consent purpose", "Lawful basis"]} />
          <tbody className="divide-y divide-slate-100">
            {s.consents.map((c) => (
              <tr key={c.purposeId}>
                <td className={td}>
                  {c.purposeName} <code className="text-xs text-slate-700">{c.purposeKey}</code>
                </td>
                <td className={td}>{LABELS.lawfulBasis[c.lawfulBasis]}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
      {/* Privacy officers and stewards change consent here, seeing the downstream impact first. */}
      <div className="mt-4">
        <ConsentChangeDialog signalId={s.id} signalName={s.name} current={s.consents.map((c) => ({ purposeId: c.purposeId, lawfulBasis: c.lawfulBasis }))} />
      </div>
    </Card>
  );
}

function UsedBy({ signal: s }: { signal: Signal }) {
  return (
    <Card title="Used by">
      {s.usedBy.length === 0 ? (
        <p className="text-sm text-slate-700">No segment uses this signal yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {s.usedBy.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center gap-2 py-2">
              <Link href={`/catalog/segments/${g.id}`} className={textLink}>
                {g.name}
              </Link>
              <code className="text-xs text-slate-700">{g.key}</code>
              <Badge>{LABELS.status[g.status]}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
