/**
 * The Performance tab's numbers, shaped from the raw per-period rows and put through the privacy
 * rules (server/privacy). Pure: the service loads the rows and the ledger and records what is
 * released. Treatment counts form a channels × periods table with channel, period and grand totals;
 * holdout counts one row of periods with its total (only lift needs them). Rates, revenue and lift
 * are derived from released counts only.
 */
import { liftWithInterval } from "@/domain/lift";
import type { Channel } from "@/domain/vocab";
import { protectCounts, reportTable, type ReportTable } from "@/server/privacy/complementary";
import type { Candidate } from "@/server/privacy/ledger";
import { derive, fewerThan, type Release } from "@/server/privacy/threshold";
import type { Period, PeriodRow } from "./queries";

/** How many periods the tab shows back from today, the current one included. */
export const PERIOD_SPAN: Record<Period, number> = { day: 30, week: 26, month: 12 };

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The first day of the period holding `day` (weeks start on Monday, as PostgreSQL's date_trunc does). */
export function periodStart(day: string, period: Period): string {
  if (period === "day") return day;
  if (period === "month") return `${day.slice(0, 7)}-01`;
  const dow = (new Date(ms(day)).getUTCDay() + 6) % 7;
  return iso(ms(day) - dow * DAY);
}

function nextStart(start: string, period: Period): string {
  if (period === "day") return iso(ms(start) + DAY);
  if (period === "week") return iso(ms(start) + 7 * DAY);
  const d = new Date(ms(start));
  return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export interface PeriodSpan {
  /** The period's first day, as the query groups by. */
  start: string;
  /** The days it covers within the window (the current period ends today). */
  from: string;
  to: string;
}

/** The report's window: `span` whole periods back from the one holding `today`, that one ending today. */
export function reportWindow(period: Period, today: string, span = PERIOD_SPAN[period]): { from: string; to: string; periods: PeriodSpan[] } {
  let start = periodStart(today, period);
  for (let i = 1; i < span; i++) start = periodStart(iso(ms(start) - DAY), period);
  const periods: PeriodSpan[] = [];
  for (let s = start; s <= today; s = nextStart(s, period)) {
    const last = iso(ms(nextStart(s, period)) - DAY);
    periods.push({ start: s, from: s, to: last < today ? last : today });
  }
  return { from: start, to: today, periods };
}

export interface PerformanceCell {
  reached: Release;
  conversions: Release;
  /** Conversions over reached. */
  rate: Release;
  /** Withheld with either count: the revenue of a small group describes it. */
  revenue: Release;
}

export interface LiftRelease {
  lift: Release;
  low: Release;
  high: Release;
  incremental: Release;
  incrementalLow: Release;
  incrementalHigh: Release;
}

export interface PerformanceReport {
  k: number;
  period: Period;
  from: string;
  to: string;
  periods: PeriodSpan[];
  /** The channels with outcomes in the window, in the vocabulary's order. */
  channels: Channel[];
  byChannel: Array<{ channel: Channel; cells: PerformanceCell[]; total: PerformanceCell }>;
  /** All channels together, per period and over the window. */
  totals: { cells: PerformanceCell[]; total: PerformanceCell };
  lift: { cells: LiftRelease[]; total: LiftRelease };
}

type Measure = "reached" | "conversions";
type Group = "treatment" | "holdout";

/** The four tables' counts, and where each count sits (its ledger key and days). */
export interface PerformanceTables {
  segmentId: string;
  channels: Channel[];
  periods: PeriodSpan[];
  from: string;
  to: string;
  tables: Array<{ group: Group; measure: Measure; table: ReportTable; cells: Array<Omit<Candidate, "value">> }>;
  /** Revenue per channel × period, as numbers (sums of money; shown only with their counts). */
  revenue: number[][];
}

export const cellKey = (segmentId: string, measure: Measure, channel: Channel | "all", group: Group) => `seg:${segmentId}|${measure}|${channel}|${group}`;

/** Builds the tables a report releases from the query's rows. */
export function performanceTables(segmentId: string, rows: PeriodRow[], channelOrder: readonly Channel[], window: { from: string; to: string; periods: PeriodSpan[] }): PerformanceTables {
  const { periods, from, to } = window;
  const present = new Set(rows.map((r) => r.channel));
  const channels = channelOrder.filter((c) => present.has(c));
  const col = new Map(periods.map((p, i) => [p.start, i]));
  const zero = () => channels.map(() => periods.map(() => 0));
  const counts = { treatment: { reached: zero(), conversions: zero() }, holdout: { reached: zero(), conversions: zero() } };
  const revenue = zero();
  for (const r of rows) {
    const c = col.get(r.period);
    const ch = channels.indexOf(r.channel);
    if (c === undefined || ch < 0) continue;
    counts[r.group].reached[ch]![c]! += r.reached;
    counts[r.group].conversions[ch]![c]! += r.conversions;
    if (r.group === "treatment") revenue[ch]![c]! += Number(r.revenue);
  }
  const tables: PerformanceTables["tables"] = [];
  for (const measure of ["reached", "conversions"] as const) {
    const table = reportTable({ cells: counts.treatment[measure] });
    const cells: PerformanceTables["tables"][number]["cells"] = [];
    channels.forEach((ch, r) => {
      periods.forEach((p, c) => (cells[table.cell(r, c)] = { key: cellKey(segmentId, measure, ch, "treatment"), from: p.from, to: p.to }));
      cells[table.rowTotal(r)!] = { key: cellKey(segmentId, measure, ch, "treatment"), from, to };
    });
    periods.forEach((p, c) => (cells[table.columnTotal(c)!] = { key: cellKey(segmentId, measure, "all", "treatment"), from: p.from, to: p.to }));
    cells[table.grand!] = { key: cellKey(segmentId, measure, "all", "treatment"), from, to };
    tables.push({ group: "treatment", measure, table, cells });
  }
  for (const measure of ["reached", "conversions"] as const) {
    // The holdout's channels are not shown: one row of periods, all channels together, and its total.
    const row = periods.map((_, c) => counts.holdout[measure].reduce((s, r) => s + r[c]!, 0));
    const table = reportTable({ cells: [row], columnTotals: false, grandTotal: false });
    const cells: PerformanceTables["tables"][number]["cells"] = [];
    periods.forEach((p, c) => (cells[table.cell(0, c)] = { key: cellKey(segmentId, measure, "all", "holdout"), from: p.from, to: p.to }));
    cells[table.rowTotal(0)!] = { key: cellKey(segmentId, measure, "all", "holdout"), from, to };
    tables.push({ group: "holdout", measure, table, cells });
  }
  return { segmentId, channels, periods, from, to, tables, revenue };
}

export type Withheld = Extract<Release, { released: false }>;

/**
 * Threshold and complementary suppression of every table, with the counts already withheld
 * (`forced`, by candidateId: by difference protection, or in an earlier pass) suppressed first, so
 * that the totals cannot give them back either. Returns the releases per table, in `values` order.
 */
export function protectTables(t: PerformanceTables, k: number, forced: ReadonlyMap<string, Withheld> = new Map()): Release[][] {
  return t.tables.map(({ table, cells }) => {
    const forcedAt = new Map<number, Withheld>();
    cells.forEach((c, i) => {
      const w = forced.get(candidateId(c));
      if (w) forcedAt.set(i, w);
    });
    // A forced count is given as 0, below any k, so that it is suppressed first; it keeps its own reason.
    const values = table.values.map((v, i) => (forcedAt.has(i) ? 0 : v));
    return protectCounts({ values, sums: table.sums }, k).map((r, i) => forcedAt.get(i) ?? r);
  });
}

/** Every withheld count of these releases, by candidateId, to force in a later pass. */
export function withheldOf(t: PerformanceTables, releases: Release[][]): Map<string, Withheld> {
  const out = new Map<string, Withheld>();
  releases.forEach((rs, ti) => rs.forEach((r, i) => !r.released && out.set(candidateId(t.tables[ti]!.cells[i]!), r)));
  return out;
}

export const candidateId = (c: Omit<Candidate, "value">) => `${c.key}@${c.from}..${c.to}`;

/** The counts protectTables released, as ledger candidates (table index, value index, candidate). */
export function candidatesOf(t: PerformanceTables, releases: Release[][]): Array<{ t: number; i: number; candidate: Candidate }> {
  const out: Array<{ t: number; i: number; candidate: Candidate }> = [];
  releases.forEach((rs, ti) =>
    rs.forEach((r, i) => {
      if (r.released) out.push({ t: ti, i, candidate: { ...t.tables[ti]!.cells[i]!, value: r.value } });
    }),
  );
  return out;
}

const sumOf = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
const money = (v: number) => Math.round(v * 100) / 100;

function cell(reached: Release, conversions: Release, revenue: number, withheldRevenue?: Release): PerformanceCell {
  return {
    reached,
    conversions,
    rate: derive([conversions, reached], (c, n) => c / n),
    revenue: withheldRevenue ?? derive([reached, conversions], () => money(revenue)),
  };
}

export function liftOf(tReached: Release, tConv: Release, hReached: Release, hConv: Release): LiftRelease {
  const inputs = [tReached, tConv, hReached, hConv];
  const l = derive(inputs, (nt, xt, nh, xh) => (liftWithInterval({ reached: nt, conversions: xt }, { reached: nh, conversions: xh }) ? 0 : NaN));
  const of = (pick: (x: NonNullable<ReturnType<typeof liftWithInterval>>) => number | null) =>
    derive(inputs, (nt, xt, nh, xh) => pick(liftWithInterval({ reached: nt, conversions: xt }, { reached: nh, conversions: xh })!) ?? NaN);
  if (!l.released) return { lift: l, low: l, high: l, incremental: l, incrementalLow: l, incrementalHigh: l };
  return {
    lift: of((x) => x.lift),
    low: of((x) => x.low),
    high: of((x) => x.high),
    incremental: of((x) => x.incremental),
    incrementalLow: of((x) => x.incrementalLow),
    incrementalHigh: of((x) => x.incrementalHigh),
  };
}

/** The report from the final releases of each table (after threshold, complementary and difference protection). */
export function buildReport(t: PerformanceTables, k: number, period: Period, releases: Release[][], opts: { revenue?: Release } = {}): PerformanceReport {
  const [reached, conversions, holdoutReached, holdoutConversions] = t.tables;
  if (t.channels.length === 0) {
    // No outcomes in the window: the tables have no rows and no totals. Nobody counted is a group below k.
    const none: Release = { released: false, reason: "threshold", message: fewerThan(k) };
    const empty = cell(none, none, 0);
    const noLift = liftOf(none, none, none, none);
    return {
      k,
      period,
      from: t.from,
      to: t.to,
      periods: t.periods,
      channels: [],
      byChannel: [],
      totals: { cells: t.periods.map(() => empty), total: empty },
      lift: { cells: t.periods.map(() => noLift), total: noLift },
    };
  }
  const [rR, rC, hR, hC] = releases as [Release[], Release[], Release[], Release[]];
  const byChannel = t.channels.map((channel, r) => ({
    channel,
    cells: t.periods.map((_, c) => cell(rR[reached!.table.cell(r, c)]!, rC[conversions!.table.cell(r, c)]!, t.revenue[r]![c]!, opts.revenue)),
    total: cell(rR[reached!.table.rowTotal(r)!]!, rC[conversions!.table.rowTotal(r)!]!, sumOf(t.revenue[r]!), opts.revenue),
  }));
  const periodRevenue = t.periods.map((_, c) => sumOf(t.revenue.map((row) => row[c]!)));
  const totals = {
    cells: t.periods.map((_, c) => cell(rR[reached!.table.columnTotal(c)!]!, rC[conversions!.table.columnTotal(c)!]!, periodRevenue[c]!, opts.revenue)),
    total: cell(rR[reached!.table.grand!]!, rC[conversions!.table.grand!]!, sumOf(periodRevenue), opts.revenue),
  };
  const lift = {
    cells: t.periods.map((_, c) => liftOf(totals.cells[c]!.reached, totals.cells[c]!.conversions, hR[holdoutReached!.table.cell(0, c)]!, hC[holdoutConversions!.table.cell(0, c)]!)),
    total: liftOf(totals.total.reached, totals.total.conversions, hR[holdoutReached!.table.rowTotal(0)!]!, hC[holdoutConversions!.table.rowTotal(0)!]!),
  };
  return { k, period, from: t.from, to: t.to, periods: t.periods, channels: t.channels, byChannel, totals, lift };
}
