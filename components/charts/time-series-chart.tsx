"use client";

import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { colorOf, toRows, type ChartPoint, type ChartSeries } from "./types";

export interface TimeSeriesProps {
  title: string;
  summary: string;
  /** The x axis's name in the table ("Week of"). */
  xLabel: string;
  points: ChartPoint[];
  series: ChartSeries[];
  /** Lines (default), or stacked areas for parts of a whole. */
  kind?: "line" | "area";
  /** Formats tooltip values (and y axis ticks unless `axisFormat` is given). */
  format?: (value: number) => string;
  /** Formats y axis ticks, where the full value would not fit ("12k" for "12,000 EUR"). */
  axisFormat?: (value: number) => string;
  testId?: string;
}

// Made on first use: a page's first Intl formatter loads ICU's data (components/ui/format.ts).
let compact: Intl.NumberFormat | undefined;
export const formatCompact = (v: number) => (compact ??= new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 })).format(v);

/** Values over time; a withheld value is a gap in its line, never a zero. */
export function TimeSeriesChart({ title, summary, xLabel, points, series, kind = "line", format = formatCompact, axisFormat = format, testId }: TimeSeriesProps) {
  const rows = toRows(
    points,
    series.map((s) => s.key),
  );
  const common = {
    data: rows,
    accessibilityLayer: false,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
  };
  const axes = (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={16} />
      <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickFormatter={axisFormat} width={48} />
      <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
      {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
    </>
  );
  return (
    <ChartFrame title={title} summary={summary} xLabel={xLabel} points={points} series={series} testId={testId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
        {kind === "area" ? (
          <AreaChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stackId="1" stroke={colorOf(i)} fill={colorOf(i)} fillOpacity={0.25} isAnimationActive={false} />
            ))}
          </AreaChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={colorOf(i)} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </ChartFrame>
  );
}
