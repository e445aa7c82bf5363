/**
 * The Performance report as the charts and tables read it: each number with its text, withheld
 * ones spelled out ("fewer than 50"), never drawn as a zero. Pure, so it is unit-tested.
 */
import type { ChartCell, ChartPoint, ChartSeries } from "@/components/charts/types";
import { formatDate } from "@/domain/dates";
import { LABELS, type Channel } from "@/domain/vocab";

/** A number as released by the server's privacy rules. */
export type Shown = { released: true; value: number } | { released: false; reason: string; message: string };

export interface Cell {
  reached: Shown;
  conversions: Shown;
  rate: Shown;
  revenue: Shown;
}
export interface LiftShown {
  lift: Shown;
  low: Shown;
  high: Shown;
  incremental: Shown;
  incrementalLow: Shown;
  incrementalHigh: Shown;
}
export interface ReportLike {
  k: number;
  period: "day" | "week" | "month";
  periods: Array<{ start: string; from: string; to: string }>;
  channels: Channel[];
  byChannel: Array<{ channel: Channel; cells: Cell[]; total: Cell }>;
  totals: { cells: Cell[]; total: Cell };
  lift: { cells: LiftShown[]; total: LiftShown };
}

export type Measure = keyof Cell;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period's label: "3 Dec 2026", "Week of 30 Nov 2026", "Dec 2026". */
export function periodLabel(start: string, period: ReportLike["period"]): string {
  if (period === "month") return `${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
  return period === "week" ? `Week of ${formatDate(start)}` : formatDate(start);
}

/** The x axis's short label: "3 Dec", "30 Nov", "Dec 26". */
export function shortLabel(start: string, period: ReportLike["period"]): string {
  const month = MONTHS[Number(start.slice(5, 7)) - 1];
  return period === "month" ? `${month} ${start.slice(2, 4)}` : `${Number(start.slice(8, 10))} ${month}`;
}

const whole = () => new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const pct = () => new Intl.NumberFormat("en", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
let formats: { whole: Intl.NumberFormat; pct: Intl.NumberFormat } | undefined;
const fmt = () => (formats ??= { whole: whole(), pct: pct() });

export const formatCount = (v: number) => fmt().whole.format(v);
export const formatPercent = (v: number) => fmt().pct.format(v);
export const formatMoney = (v: number, currency: string | null) => (currency ? `${fmt().whole.format(v)} ${currency}` : fmt().whole.format(v));
export const formatLift = (v: number) => `${v >= 0 ? "+" : ""}${formatPercent(v)}`;

/** What a table shows for a number: the number, "fewer than k", or why it is not shown. */
export function textOf(s: Shown, format: (v: number) => string): string {
  if (s.released) return format(s.value);
  if (s.reason === "threshold") return s.message;
  if (s.reason === "unreleased" || s.reason === "noise") return "not released";
  return s.reason === "derived" ? "not shown" : "withheld";
}

export const chartCell = (s: Shown, format: (v: number) => string): ChartCell => ({ value: s.released ? s.value : null, text: textOf(s, format) });

export function measureFormat(measure: Measure, currency: string | null): (v: number) => string {
  return measure === "rate" ? formatPercent : measure === "revenue" ? (v) => formatMoney(v, currency) : formatCount;
}

/** One measure over time: a series per channel, and all channels together. */
export function measurePoints(r: ReportLike, measure: Measure, currency: string | null): { points: ChartPoint[]; series: ChartSeries[] } {
  const format = measureFormat(measure, currency);
  const series: ChartSeries[] = [...r.channels.map((c) => ({ key: c, label: LABELS.channel[c] })), ...(r.channels.length > 1 ? [{ key: "all", label: "All channels" }] : [])];
  const points = r.periods.map((p, i) => ({
    label: shortLabel(p.start, r.period),
    cells: Object.fromEntries([...r.byChannel.map((c) => [c.channel, chartCell(c.cells[i]![measure], format)]), ["all", chartCell(r.totals.cells[i]![measure], format)]]),
  }));
  return { points, series };
}

/** Lift per period with its interval, for the interval chart. */
export function liftPoints(r: ReportLike): ChartPoint[] {
  return r.periods.map((p, i) => {
    const l = r.lift.cells[i]!;
    return { label: shortLabel(p.start, r.period), cells: { estimate: chartCell(l.lift, formatLift), low: chartCell(l.low, formatLift), high: chartCell(l.high, formatLift) } };
  });
}

/** Whether any number of the report is withheld, and for which reasons (the legend under the tables). */
export function reasonsIn(r: ReportLike): Set<string> {
  const out = new Set<string>();
  const add = (c: Cell) => Object.values(c).forEach((s: Shown) => !s.released && out.add(s.reason));
  for (const row of [...r.byChannel, r.totals]) [...row.cells, row.total].forEach(add);
  return out;
}
