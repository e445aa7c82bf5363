"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import type { ChartPoint } from "./types";

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;

/**
 * An estimate with its interval as a band (lift with its 95% confidence interval), and a line at
 * `reference` (0: no effect). Each point's cells are read from the keys `estimate`, `low` and `high`.
 */
export function IntervalChart({
  title,
  summary,
  xLabel,
  points,
  labels = { estimate: "Estimate", low: "Low (95%)", high: "High (95%)" },
  format = percent,
  reference = 0,
  testId,
}: {
  title: string;
  summary: string;
  xLabel: string;
  points: ChartPoint[];
  labels?: { estimate: string; low: string; high: string };
  format?: (value: number) => string;
  reference?: number;
  testId?: string;
}) {
  const rows = points.map((p) => {
    const low = p.cells.low?.value ?? null;
    const high = p.cells.high?.value ?? null;
    return { label: p.label, estimate: p.cells.estimate?.value ?? null, band: low !== null && high !== null ? [low, high] : null };
  });
  const series = [
    { key: "estimate", label: labels.estimate },
    { key: "low", label: labels.low },
    { key: "high", label: labels.high },
  ];
  return (
    <ChartFrame title={title} summary={summary} xLabel={xLabel} points={points} series={series} testId={testId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
        <ComposedChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11, fill: "#475569" }} tickFormatter={format} width={52} />
          <Tooltip
            formatter={(v, name) => (Array.isArray(v) ? [`${format(Number(v[0]))} to ${format(Number(v[1]))}`, "95% interval"] : [typeof v === "number" ? format(v) : String(v), name])}
          />
          <ReferenceLine y={reference} stroke="#64748b" strokeDasharray="4 4" />
          <Area type="monotone" dataKey="band" name="95% interval" stroke="none" fill="#1f6f5c" fillOpacity={0.18} connectNulls={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="estimate" name={labels.estimate} stroke="#1f6f5c" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
