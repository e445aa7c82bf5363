"use client";

import { useId, useState, type ReactNode } from "react";
import type { ChartPoint, ChartSeries } from "./types";

/**
 * A chart with its table: a button switches between them, so a keyboard or screen-reader user
 * gets every number (the chart itself is an image with a summary). The table is the same data,
 * withheld values spelled out ("fewer than 100").
 */
export function ChartFrame({
  title,
  summary,
  xLabel,
  points,
  series,
  children,
  testId,
}: {
  title: string;
  /** One sentence saying what the chart shows, for screen readers. */
  summary: string;
  xLabel: string;
  points: ChartPoint[];
  series: ChartSeries[];
  children: ReactNode;
  testId?: string;
}) {
  const [table, setTable] = useState(false);
  const headingId = useId();
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={headingId} data-testid={testId}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        <button
          type="button"
          aria-pressed={table}
          onClick={() => setTable((t) => !t)}
          className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          {table ? "Show chart" : "Show table"}
        </button>
      </div>
      {table ? (
        <ChartTable caption={title} xLabel={xLabel} points={points} series={series} />
      ) : (
        <div role="img" aria-label={summary} className="h-64 w-full min-w-0">
          {children}
        </div>
      )}
    </figure>
  );
}

export function ChartTable({ caption, xLabel, points, series }: { caption: string; xLabel: string; points: ChartPoint[]; series: ChartSeries[] }) {
  return (
    <div className="max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${caption} (table)`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-white">
          <tr className="border-b border-slate-200 text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              {xLabel}
            </th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="py-1 pr-3 text-right font-medium">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.label} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap text-slate-800">
                {p.label}
              </th>
              {series.map((s) => {
                const cell = p.cells[s.key];
                return (
                  <td key={s.key} className={`py-1 pr-3 text-right whitespace-nowrap tabular-nums ${cell?.value === null ? "text-slate-500 italic" : "text-slate-900"}`}>
                    {cell?.text ?? "—"}
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
