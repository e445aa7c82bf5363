"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { ChartCell, ChartPoint } from "@/components/charts/types";
import { useCan } from "@/components/shell/permissions";
import { textLink } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Badge, Card } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { useTRPC } from "@/components/trpc/provider";
import { formatDate, formatDateTime } from "@/domain/dates";
import { percent } from "@/domain/withdrawal-spike";
import type { AppRouter } from "@/server/trpc/root";
import { CsvUpload } from "./csv-upload";
import { SpikeSetting } from "./spike-setting";

type Report = inferRouterOutputs<AppRouter>["consentMetrics"]["report"];
type Week = Report["weeks"][number];
type Figure = Week["consented"];

const WEEKS = [12, 26, 52] as const;

/** A released number as the chart and table show it; a withheld one as a gap and a short reason. */
function cell(r: Figure | null, format: (v: number) => string = (v) => v.toLocaleString("en")): ChartCell {
  if (!r) return { value: null, text: "—" };
  if (r.released) return { value: r.value, text: format(r.value) };
  const text =
    r.reason === "threshold"
      ? r.message
      : r.reason === "complementary"
        ? "withheld (protects a small count)"
        : r.reason === "difference"
          ? "withheld (too close to an earlier release)"
          : "withheld";
  return { value: null, text };
}

const point = (w: Week, cells: ChartPoint["cells"]): ChartPoint => ({ label: formatDate(w.week), cells });

export function ConsentView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const purposes = useQuery(trpc.consentMetrics.purposes.queryOptions());
  const weeksParam = Number(params.get("weeks"));
  const weeks = (WEEKS as readonly number[]).includes(weeksParam) ? (weeksParam as (typeof WEEKS)[number]) : 26;
  const list = purposes.data ?? [];
  const selected = list.find((p) => p.id === params.get("purpose")) ?? list.find((p) => p.hasData) ?? list[0];
  const report = useQuery({ ...trpc.consentMetrics.report.queryOptions({ purposeId: selected?.id ?? "", weeks }), enabled: Boolean(selected) });
  const canUpload = useCan("metrics:upload");
  const canSetPolicy = useCan("metrics:privacy");

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    next.set(key, value);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  if (purposes.isPending) return <Spinner label="Loading consent purposes" />;
  if (purposes.isError) return <ErrorState message={purposes.error.message} onRetry={() => void purposes.refetch()} />;
  return (
    <div className="space-y-6">
      {list.length === 0 ? (
        <EmptyState title="No consent purposes yet">
          Add purposes under{" "}
          <Link className={textLink} href="/catalog/purposes">
            Catalog → Consent purposes
          </Link>
          , then send consent figures for them.
        </EmptyState>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:max-w-2xl">
            <SelectField label="Purpose" value={selected?.id} onChange={(e) => setParam("purpose", e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.hasData ? "" : " (no figures yet)"}
                </option>
              ))}
            </SelectField>
            <SelectField label="Weeks" value={String(weeks)} onChange={(e) => setParam("weeks", e.target.value)}>
              {WEEKS.map((w) => (
                <option key={w} value={w}>
                  Last {w} complete weeks
                </option>
              ))}
            </SelectField>
          </div>
          {report.isPending ? (
            <Spinner label="Loading consent figures" />
          ) : report.isError ? (
            <ErrorState message={report.error.message} onRetry={() => void report.refetch()} />
          ) : (
            <ReportBody report={report.data} />
          )}
        </>
      )}
      {canSetPolicy && <SpikeSetting />}
      {canUpload && <CsvUpload />}
    </div>
  );
}

function ReportBody({ report }: { report: Report }) {
  const { purpose, k, multiple, weeks } = report;
  if (weeks.length === 0) {
    return (
      <EmptyState title={`No consent figures for “${purpose.name}” in these weeks`}>
        Send them with <code>POST /api/v1/metrics/consent</code> (a token with the metrics:write scope), or upload a CSV file below. A week is shown once it has ended.
      </EmptyState>
    );
  }
  const spikes = weeks.filter((w) => w.spike);
  const population = weeks.map((w) => point(w, { consented: cell(w.consented) }));
  const flows = weeks.map((w) => point(w, { optIns: cell(w.optIns), withdrawals: cell(w.withdrawals) }));
  const rates = weeks.map((w) => point(w, { rate: cell(w.rate, percent) }));
  const range = `${formatDate(report.from)} to ${formatDate(report.to)}`;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {range}. Counts below {k} people are shown as “fewer than {k}”, and a few more are withheld where a small one could be worked out from them. A week whose withdrawal rate is above{" "}
        {multiple}× its 8-week baseline alerts the privacy officers.
      </p>
      {spikes.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          Withdrawal spike{spikes.length > 1 ? "s" : ""} in the week{spikes.length > 1 ? "s" : ""} of {spikes.map((w) => formatDate(w.week)).join(", ")}.
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <TimeSeriesChart
          title="People consented (end of week)"
          summary={`People consented to ${purpose.name} at the end of each week, ${range}.`}
          xLabel="Week of"
          points={population}
          series={[{ key: "consented", label: "Consented" }]}
          testId="chart-consented"
        />
        <BarChart
          title="Opt-ins and withdrawals per week"
          summary={`Opt-ins against withdrawals for ${purpose.name} per week, ${range}.`}
          xLabel="Week of"
          points={flows}
          series={[
            { key: "optIns", label: "Opt-ins" },
            { key: "withdrawals", label: "Withdrawals" },
          ]}
          testId="chart-flows"
        />
        <TimeSeriesChart
          title="Weekly withdrawal rate"
          summary={`Withdrawals as a share of the people consented at the start of each week, for ${purpose.name}, ${range}.`}
          xLabel="Week of"
          points={rates}
          series={[{ key: "rate", label: "Withdrawal rate" }]}
          format={percent}
          testId="chart-rate"
        />
        <Card title="Alerts raised">
          {report.alerts.length === 0 ? (
            <p className="text-sm text-slate-600">No withdrawal spike has been raised for this purpose.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {report.alerts.map((a) => (
                <li key={a.week}>
                  <Badge tone="amber">Spike</Badge> week of {formatDate(a.week)}, raised {formatDateTime(a.raisedAt)}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm">
            <Link className={textLink} href={`/catalog/purposes/${purpose.id}`}>
              What relies on {purpose.name}
            </Link>
          </p>
        </Card>
      </div>
    </div>
  );
}
