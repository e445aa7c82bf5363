"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { IntervalChart } from "@/components/charts/interval-chart";
import { TimeSeriesChart, formatCompact } from "@/components/charts/time-series-chart";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { downloadText } from "@/components/ui/download";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { formatDate } from "@/domain/dates";
import { LABELS } from "@/domain/vocab";
import {
  formatCount,
  formatLift,
  formatMoney,
  formatPercent,
  liftPoints,
  measureFormat,
  measurePoints,
  reasonsIn,
  textOf,
  type Measure,
  type ReportLike,
  type Shown,
} from "./performance-points";
import { NoiseModeControl, NoisePanel, type PrivacyStatusLike } from "./noise-panel";

type Period = ReportLike["period"];
const PERIODS: Array<{ key: Period; label: string }> = [
  { key: "day", label: "Day (30 days)" },
  { key: "week", label: "Week (26 weeks)" },
  { key: "month", label: "Month (12 months)" },
];

const MEASURES: Array<{ key: Measure; title: string }> = [
  { key: "reached", title: "People reached" },
  { key: "conversions", title: "Conversions" },
  { key: "rate", title: "Conversion rate" },
  { key: "revenue", title: "Revenue" },
];

const REASONS: Record<string, (k: string) => string> = {
  threshold: (k) => `“fewer than ${k}”: a count of fewer people than the segment’s minimum reportable cohort.`,
  complementary: () => "“withheld”: shown, it would let a smaller count be worked out from the totals.",
  difference: (k) => `“withheld”: it differs by fewer than ${k} people from a number released before.`,
  derived: () => "“not shown”: a rate, revenue or lift computed from a withheld count.",
  budget: () => "“withheld”: the segment’s privacy budget for the month is spent.",
  unreleased: () => "“not released”: it was not part of the last release with noise (new since, or no release yet).",
  noise: () => "“not released”: revenue is not released with differential privacy, since no bounded noise could hide one person’s spend.",
};

/** The segment's outcomes: every number is released by the server's privacy rules, withheld ones say why. */
export function PerformanceTab({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const [period, setPeriod] = useState<Period>("week");
  // Each view is a release recorded in the ledger: no refetch on focus, and a while before a new one.
  const report = useQuery({ ...trpc.metrics.performance.queryOptions({ segmentId, period }), staleTime: 5 * 60_000, refetchOnWindowFocus: false });

  return (
    <section aria-labelledby="performance-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="performance-heading" className="text-lg font-semibold text-slate-900">
          Performance
        </h2>
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Group by</legend>
          {PERIODS.map((p) => (
            <label
              key={p.key}
              className={`cursor-pointer rounded border px-2 py-1 text-sm has-[:focus-visible]:outline-2 ${period === p.key ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700"}`}
            >
              <input type="radio" name="performance-period" value={p.key} checked={period === p.key} onChange={() => setPeriod(p.key)} className="sr-only" />
              {p.label}
            </label>
          ))}
        </fieldset>
      </div>
      {report.isPending ? (
        <Spinner label="Loading outcomes" />
      ) : report.error ? (
        <ErrorState message={report.error.message} onRetry={() => report.refetch()} />
      ) : (
        <>
          {report.data.privacy.differentialPrivacy ? (
            <NoisePanel segmentId={segmentId} period={period} privacy={report.data.privacy} releasedAt={report.data.noisyRelease?.releasedAt ?? null} />
          ) : (
            <NoiseOff segmentId={segmentId} privacy={report.data.privacy} />
          )}
          {report.data.channels.length > 0 ? (
            <Report segmentId={segmentId} r={report.data} currency={report.data.currency} mixed={report.data.currencies > 1} />
          ) : report.data.privacy.differentialPrivacy ? (
            <EmptyState title="Nothing released with noise yet">
              <p>Numbers appear here once someone releases them; each release spends from the segment’s monthly privacy budget.</p>
            </EmptyState>
          ) : (
            <NoOutcomes />
          )}
        </>
      )}
    </section>
  );
}

/** Without noise, privacy officers can still turn it on here; nobody else sees anything. */
function NoiseOff({ segmentId, privacy }: { segmentId: string; privacy: PrivacyStatusLike }) {
  const canSet = useCan("metrics:privacy");
  if (!canSet) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Differential privacy: off{privacy.source === "policy" ? " (the policy’s default)" : " for this segment"}</summary>
      <NoiseModeControl segmentId={segmentId} privacy={privacy} />
    </details>
  );
}

function NoOutcomes() {
  return (
    <EmptyState title="No outcomes reported yet">
      <p>
        Activation platforms send daily aggregates (people reached and conversions, for the treatment and its holdout, per channel) to <code>POST /api/v1/metrics/outcomes</code> with a token
        holding the <code>metrics:write</code> scope.
      </p>
      <p className="mt-1">
        Make one under{" "}
        <Link href="/settings/tokens" className="font-medium text-brand-700 underline">
          Settings → API tokens
        </Link>
        ; the request’s fields are in the{" "}
        <Link href="/settings/api" className="font-medium text-brand-700 underline">
          API reference
        </Link>
        .
      </p>
    </EmptyState>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2" data-testid={testId}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
      {note && <dd className="text-xs text-slate-600">{note}</dd>}
    </div>
  );
}

const interval = (low: Shown, high: Shown, format: (v: number) => string) => (low.released && high.released ? `95% CI ${format(low.value)} to ${format(high.value)}` : undefined);

function Report({ segmentId, r, currency, mixed }: { segmentId: string; r: ReportLike; currency: string | null; mixed: boolean }) {
  const t = r.totals.total;
  const lift = r.lift.total;
  const reasons = reasonsIn(r);
  const first = r.periods[0]!.from;
  const last = r.periods[r.periods.length - 1]!.to;
  return (
    <>
      <p className="text-sm text-slate-700">
        Treatment group, {formatDate(first)} to {formatDate(last)}. Counts below <strong>{formatCount(r.k)}</strong> people (the segment’s minimum reportable cohort) are shown as “fewer than{" "}
        {formatCount(r.k)}”.
        {mixed && " Revenue was reported in more than one currency, so it is summed as sent, without conversion."}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Reached" value={textOf(t.reached, formatCount)} />
        <Stat label="Conversions" value={textOf(t.conversions, formatCount)} />
        <Stat label="Conversion rate" value={textOf(t.rate, formatPercent)} />
        <Stat label="Revenue" value={textOf(t.revenue, (v) => formatMoney(v, currency))} />
        <Stat label="Lift vs holdout" value={textOf(lift.lift, formatLift)} note={interval(lift.low, lift.high, formatLift)} testId="lift-total" />
        <Stat label="Incremental conversions" value={textOf(lift.incremental, formatCount)} note={interval(lift.incrementalLow, lift.incrementalHigh, formatCount)} />
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        {/* Under differential privacy revenue is never released: no empty chart for it. */}
        {MEASURES.filter((m) => m.key !== "revenue" || !noRevenue(r)).map((m) => {
          const { points, series } = measurePoints(r, m.key, currency);
          return (
            <TimeSeriesChart
              key={m.key}
              testId={`chart-${m.key}`}
              title={`${m.title} per ${r.period}`}
              summary={`${m.title} per ${r.period} from ${formatDate(first)} to ${formatDate(last)}, one line per channel; gaps are withheld numbers. The table view lists every value.`}
              xLabel={r.period === "day" ? "Day" : r.period === "week" ? "Week of" : "Month"}
              points={points}
              series={series}
              format={measureFormat(m.key, currency)}
              axisFormat={m.key === "rate" ? formatPercent : formatCompact}
            />
          );
        })}
      </div>
      <IntervalChart
        testId="chart-lift"
        title={`Lift against the holdout per ${r.period}, with its 95% confidence interval`}
        summary="Relative lift of the treatment's conversion rate over the holdout's per period, with a shaded 95% confidence interval; the dashed line is no lift."
        xLabel={r.period === "day" ? "Day" : r.period === "week" ? "Week of" : "Month"}
        points={liftPoints(r)}
        labels={{ estimate: "Lift", low: "Low (95%)", high: "High (95%)" }}
        format={formatLift}
      />
      <ChannelTable r={r} currency={currency} />
      <ExportCsv segmentId={segmentId} period={r.period} />
      {reasons.size > 0 && (
        <ul className="space-y-0.5 text-xs text-slate-600" aria-label="Why some numbers are not shown">
          {[...reasons].map((k) => (
            <li key={k}>{REASONS[k]?.(formatCount(r.k)) ?? k}</li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-600">
        Lift is the ratio of the treatment’s conversion rate to the holdout’s, less one, with Katz’s log interval; incremental conversions are the treatment’s conversions less what its reach
        would have given at the holdout’s rate.
      </p>
    </>
  );
}

/** The report as CSV, released by the server through the same rules (recorded as leaving by CSV). */
function ExportCsv({ segmentId, period }: { segmentId: string; period: Period }) {
  const trpc = useTRPC();
  const exportCsv = useMutation(trpc.metrics.exportCsv.mutationOptions({ onSuccess: ({ filename, csv }) => downloadText(filename, csv) }));
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" pending={exportCsv.isPending} onClick={() => exportCsv.mutate({ segmentId, period })}>
        Download as CSV
      </Button>
      <span className="text-xs text-slate-600">One number per line; withheld numbers have no value and say why.</span>
      {exportCsv.error && (
        <p role="alert" className="text-sm text-red-700">
          {exportCsv.error.message}
        </p>
      )}
    </div>
  );
}

const noRevenue = (r: ReportLike) => !r.totals.total.revenue.released && r.totals.total.revenue.reason === "noise";

function ChannelTable({ r, currency }: { r: ReportLike; currency: string | null }) {
  const rows = [...r.byChannel.map((c) => ({ label: LABELS.channel[c.channel], cell: c.total })), { label: "All channels", cell: r.totals.total }];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-labelledby="by-channel">
      <table className="w-full text-left text-sm">
        <caption id="by-channel" className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">
          By channel
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th scope="col" className="px-4 py-2 font-medium">
              Channel
            </th>
            {MEASURES.map((m) => (
              <th key={m.key} scope="col" className="px-4 py-2 text-right font-medium">
                {m.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, cell }) => (
            <tr key={label} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap text-slate-900">
                {label}
              </th>
              {MEASURES.map((m) => {
                const s = cell[m.key];
                return (
                  <td key={m.key} className={`px-4 py-2 text-right whitespace-nowrap tabular-nums ${s.released ? "text-slate-900" : "text-slate-600 italic"}`}>
                    {textOf(s, measureFormat(m.key, currency))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
