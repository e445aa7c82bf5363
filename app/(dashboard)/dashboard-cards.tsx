"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { viewerEntityHref } from "@/components/audit/entity-href";
import { useCan, useViewer } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { formatDateTime } from "@/domain/dates";
import { FindingsCard } from "@/components/policy/findings-card";
import { RECERT_DUE_SOON_DAYS } from "@/domain/recertification";
import { auditActionLabel } from "@/domain/audit-actions";
import type { AppRouter } from "@/server/trpc/root";

type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["events"][number];

/** One event as the audit explorer words it: who, what happened (in words), to what (linked where the viewer may open it). */
function RecentEvent({ event: e }: { event: AuditEvent }) {
  const { roles } = useViewer();
  const href = viewerEntityHref(e, roles);
  const name = e.entityName ?? (href ? e.entityId : null);
  return (
    <li className="flex flex-col gap-0.5 py-2 text-sm sm:flex-row sm:justify-between sm:gap-4" data-testid="recent-event">
      <span className="min-w-0 break-words">
        <span className="font-medium">{e.actorName ?? e.actorLabel}</span> · {auditActionLabel(e.action, e.after)}
        {name && (
          <>
            {": "}
            {href ? (
              <Link href={href} className="text-brand-700 underline">
                {name}
              </Link>
            ) : (
              name
            )}
          </>
        )}
      </span>
      <time className="shrink-0 text-slate-600" dateTime={new Date(e.occurredAt).toISOString()}>
        {formatDateTime(e.occurredAt)}
      </time>
    </li>
  );
}

// The charting library loads after the summary, not with it.
const DashboardCharts = dynamic(() => import("@/components/dashboard/dashboard-charts").then((m) => m.DashboardCharts), {
  ssr: false,
  loading: () => <Spinner label="Loading the charts" />,
});

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
        The catalog is empty. Load a sample retailer&apos;s data sources, signals and segments to see how Steward documents them and which consent problems its checks find. Sample segments
        are owned by three sample people who cannot sign in.
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

interface Tile {
  label: string;
  value: number;
  href: string;
  /** Shown under the figure; tone "alert" when it needs someone's attention. */
  note?: string;
  tone?: "alert";
}

function Tiles({ label, tiles }: { label: string; tiles: Tile[] }) {
  return (
    <section aria-label={label}>
      <h2 className="mb-2 text-sm font-semibold text-slate-700">{label}</h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map((t) => (
          <li key={t.label}>
            <Link
              href={t.href}
              data-testid={`tile-${t.label.toLowerCase().replaceAll(" ", "-")}`}
              className={`block h-full rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${t.tone === "alert" && t.value > 0 ? "border-amber-400" : "border-slate-200"}`}
            >
              <p className="text-sm text-slate-600">{t.label}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{t.value}</p>
              {t.note && <p className={`mt-0.5 text-xs ${t.tone === "alert" && t.value > 0 ? "text-amber-800" : "text-slate-600"}`}>{t.note}</p>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DashboardCards({ canReadAudit }: { canReadAudit: boolean }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const canLoadSample = useCan("workspace:load_sample");
  const canSeeUsers = useCan("user:read");
  const recent = useQuery({ ...trpc.audit.list.queryOptions({ limit: 8 }), enabled: canReadAudit });
  const d = summary.data;

  const governance: Tile[] = d
    ? [
        { label: "Active segments", value: d.segmentsByStatus.active, href: "/catalog/segments?status=active" },
        { label: "In review", value: d.segmentsByStatus.in_review, href: "/catalog/segments?status=in_review" },
        { label: "Drafts", value: d.segmentsByStatus.draft, href: "/catalog/segments?status=draft" },
        {
          label: "Open reviews",
          value: d.openReviews,
          href: "/reviews?queue=open",
          note: d.overdueReviews > 0 ? `${d.overdueReviews} overdue` : "none overdue",
          tone: d.overdueReviews > 0 ? "alert" : undefined,
        },
        {
          label: "Re-certification due",
          value: d.recertificationDueSoon,
          href: "/catalog/segments?recertification=due",
          note: `active, within ${RECERT_DUE_SOON_DAYS} days`,
          tone: "alert",
        },
        { label: "Consent changed", value: d.consentChangedUpstream, href: "/catalog/segments?findings=consent_changed", note: "blocked until re-reviewed", tone: "alert" },
      ]
    : [];
  const inventory: Tile[] = d
    ? [
        { label: "Data sources", value: d.sources, href: "/catalog/sources" },
        { label: "Signals", value: d.signals, href: "/catalog/signals" },
        { label: "Consent purposes", value: d.consentPurposes, href: "/catalog/purposes" },
        { label: "Data categories", value: d.dataCategories, href: "/catalog/categories" },
        { label: "Special categories", value: d.specialCategories, href: "/catalog/categories?special=1" },
        // Only for those who may open the users page.
        ...(canSeeUsers ? [{ label: "Active users", value: d.activeUsers, href: "/settings/users" }] : []),
      ]
    : [];

  return (
    <div className="space-y-6">
      {summary.isPending && <Spinner label="Loading summary" />}
      {summary.error && <ErrorState message={summary.error.message} onRetry={() => summary.refetch()} />}
      {d?.catalogEmpty && canLoadSample && <SampleWorkspaceCard />}
      {d && <Tiles label="Governance" tiles={governance} />}
      <FindingsCard />
      {d && !d.catalogEmpty && <DashboardCharts />}
      {d && <Tiles label="Inventory" tiles={inventory} />}
      {canReadAudit && (
        <Card title="Recent activity">
          {recent.isPending && <Spinner label="Loading activity" />}
          {recent.error && <ErrorState message={recent.error.message} onRetry={() => recent.refetch()} />}
          {recent.data && recent.data.events.length === 0 && <EmptyState title="No activity yet" />}
          {recent.data && recent.data.events.length > 0 && (
            <ul className="divide-y divide-slate-100">
              {recent.data.events.map((e) => (
                <RecentEvent key={e.id} event={e} />
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
