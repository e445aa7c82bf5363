"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { formatDateTime } from "@/components/ui/format";

export function DashboardCards({ canReadAudit }: { canReadAudit: boolean }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
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
