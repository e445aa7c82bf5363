"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { chartCell, formatCount, type Shown } from "@/components/metrics/performance-points";
import { useTRPC } from "@/components/trpc/provider";
import { ErrorState, Spinner } from "@/components/ui/states";
import { formatDate } from "@/domain/dates";

const count = (v: number) => ({ value: v, text: formatCount(v) });
const short = (day: string) => formatDate(day).replace(/ \d{4}$/, "");

function Box({ state, children }: { state: { isPending: boolean; error: { message: string } | null; refetch: () => unknown }; children: () => ReactNode }) {
  if (state.isPending) return <Spinner label="Loading the chart" />;
  if (state.error) return <ErrorState message={state.error.message} onRetry={() => state.refetch()} />;
  return <>{children()}</>;
}

/** Findings over time, review ageing and consent withdrawals this month; loaded apart from the summary, with the charting library. */
export function DashboardCharts() {
  const trpc = useTRPC();
  const findings = useQuery(trpc.dashboard.findingsOverTime.queryOptions());
  const ageing = useQuery(trpc.dashboard.reviewAgeing.queryOptions());
  // A release of people counts is recorded in the privacy ledger: no refetch on focus.
  const withdrawals = useQuery({ ...trpc.dashboard.withdrawalsThisMonth.queryOptions(), staleTime: 5 * 60_000, refetchOnWindowFocus: false });
  return (
    <section aria-labelledby="dashboard-charts" className="space-y-2">
      <h2 id="dashboard-charts" className="text-sm font-semibold text-slate-700">
        Trends
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">
        <Box state={findings}>
          {() => (
            <TimeSeriesChart
              testId="chart-findings"
              title="Open findings, last 90 days"
              summary="Segments with blocking, waived and warning findings per day over the last 90 days, from the day Steward began keeping them."
              xLabel="Day"
              kind="area"
              points={findings.data!.map((d) => ({ label: short(d.day), cells: { blocked: count(d.blocked), waived: count(d.waived), warned: count(d.warned) } }))}
              series={[
                { key: "blocked", label: "Blocked" },
                { key: "waived", label: "Waived" },
                { key: "warned", label: "Warnings" },
              ]}
              format={formatCount}
            />
          )}
        </Box>
        <Box state={ageing}>
          {() => (
            <BarChart
              testId="chart-review-ageing"
              title="Open reviews by age"
              summary="Open review requests by how long ago they were requested, waiting on a reviewer or sent back for changes."
              xLabel="Requested"
              stacked
              points={ageing.data!.map((b) => ({ label: b.label, cells: { open: count(b.open), changesRequested: count(b.changesRequested) } }))}
              series={[
                { key: "open", label: "Awaiting review" },
                { key: "changesRequested", label: "Changes requested" },
              ]}
              format={formatCount}
            />
          )}
        </Box>
        <Box state={withdrawals}>
          {() =>
            withdrawals.data!.purposes.length === 0 ? (
              <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="chart-withdrawals">
                <h3 className="mb-1 font-semibold text-slate-900">Consent withdrawals this month</h3>
                No consent figures reported this month. Consent tools send them to <code>POST /api/v1/metrics/consent</code>.
              </div>
            ) : (
              <BarChart
                testId="chart-withdrawals"
                title="Consent withdrawals this month"
                summary={`Withdrawals of consent per purpose from ${formatDate(withdrawals.data!.from)} to ${formatDate(withdrawals.data!.to)}; counts below ${withdrawals.data!.k} are withheld.`}
                xLabel="Purpose"
                points={withdrawals.data!.purposes.map((p) => ({ label: p.name, cells: { withdrawals: chartCell(p.withdrawals as Shown, formatCount) } }))}
                series={[{ key: "withdrawals", label: "Withdrawals" }]}
                format={formatCount}
              />
            )
          }
        </Box>
      </div>
    </section>
  );
}
