"use client";

import { Bar, BarChart as RBarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { formatCompact } from "./time-series-chart";
import { colorOf, toRows, type ChartPoint, type ChartSeries } from "./types";

/** Bars per category (or per period), one bar per series, stacked when `stacked`. */
export function BarChart({
  title,
  summary,
  xLabel,
  points,
  series,
  stacked = false,
  format = formatCompact,
  testId,
}: {
  title: string;
  summary: string;
  xLabel: string;
  points: ChartPoint[];
  series: ChartSeries[];
  stacked?: boolean;
  format?: (value: number) => string;
  testId?: string;
}) {
  const rows = toRows(
    points,
    series.map((s) => s.key),
  );
  return (
    <ChartFrame title={title} summary={summary} xLabel={xLabel} points={points} series={series} testId={testId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
        <RBarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={8} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickFormatter={format} width={48} allowDecimals={false} />
          <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={colorOf(i)} stackId={stacked ? "1" : undefined} isAnimationActive={false} />
          ))}
        </RBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
