"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { formatDateTime } from "@/components/ui/format";

/** Offered while the catalog is empty, to those who may load it (admins). */
function SampleWorkspaceCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const load = useMutation(
    trpc.setup.loadSample.mutationOptions({
      // Everything on screen may now be out of date: counts, recent activity, the catalog.
      onSuccess: () => qc.invalidateQueries(),
    }),
  );
  return (
    <Card title="Explore with a sample workspace">
      <p className="text-sm text-slate-700">
        The catalog is empty. Load a sample retailer&apos;s data sources, signals and segments to see how Steward documents them and which
        consent problems its checks find. Sample segments are owned by three sample people who cannot sign in.
      </p>
      <div className="mt-3 flex items-center gap-3">
        <Button onClick={() => load.mutate()} pending={load.isPending} data-testid="load-sample">
          Load sample workspace
        </Button>
        {load.isPending && (
          <span className="text-sm text-slate-700" role="status">
            Loading the sample workspace…
          </span>
        )}
      </div>
      {load.isError && (
        <p className="mt-2 text-sm text-red-700" data-testid="sample-error">
          The sample workspace could not be loaded: {formErrors(load.error).form}
        </p>
      )}
    </Card>
  );
}

export function DashboardCards({ canReadAudit }: { canReadAudit: boolean }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const canLoadSample = useCan("workspace:load_sample");
  const recent = useQuery({ ...trpc.audit.list.queryOptions({ limit: 8 }), enabled: canReadAudit });

  const stats = summary.data
    ? [
        { label: "Active users", value: summary.data.activeUsers, href: "/settings/users" },
        { label: "Consent purposes", value: summary.data.consentPurposes, href: "/catalog/purposes" },
        { label: "Data categories", value: summary.data.dataCategories, href: "/catalog/categories" },
        { label: "Special categories", value: summary.data.specialCategories, href: "/catalog/categories?special=1" },
      ]
    : [];

  return (
    <div className="space-y-6">
      {summary.isPending && <Spinner label="Loading summary" />}
      {summary.error && <ErrorState message={summary.error.message} onRetry={() => summary.refetch()} />}
      {summary.data?.catalogEmpty && canLoadSample && <SampleWorkspaceCard />}
      {summary.data && (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <li key={s.label}>
              <Link href={s.href} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                <p className="text-sm text-slate-600">{s.label}</p>
                <p className="mt-1 text-3xl font-semibold text-slate-900">{s.value}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canReadAudit && (
        <Card title="Recent activity">
          {recent.isPending && <Spinner label="Loading activity" />}
          {recent.error && <ErrorState message={recent.error.message} onRetry={() => recent.refetch()} />}
          {recent.data && recent.data.events.length === 0 && <EmptyState title="No activity yet" />}
          {recent.data && recent.data.events.length > 0 && (
            <ul className="divide-y divide-slate-100">
              {recent.data.events.map((e) => (
                <li key={e.id} className="flex flex-col gap-0.5 py-2 text-sm sm:flex-row sm:justify-between">
                  <span>
                    <span className="font-medium">{e.actorLabel}</span> · <code className="text-slate-700">{e.action}</code>
                  </span>
                  <span className="text-slate-600">{formatDateTime(e.occurredAt)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm">
            <Link href="/audit" className="text-brand-700 underline">
              Open the audit trail
            </Link>
          </p>
        </Card>
      )}
    </div>
  );
}
