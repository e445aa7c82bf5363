/**
 * The Performance report as CSV, one number per line (period, channel, measure, value), so a
 * spreadsheet can pivot it. Only what the privacy rules released is written: a withheld number has
 * no value, and its note says why ("fewer than 100"). Pure: the caller releases the report first.
 */
import { csvRow } from "@/domain/csv";
import { LABELS } from "@/domain/vocab";
import type { Release } from "@/server/privacy/threshold";
import type { LiftRelease, PerformanceCell, PerformanceReport } from "./performance-shape";

const HEADER = ["from", "to", "channel", "measure", "value", "note"];

const CELL_MEASURES: Array<[keyof PerformanceCell, string]> = [
  ["reached", "people_reached"],
  ["conversions", "conversions"],
  ["rate", "conversion_rate"],
  ["revenue", "revenue"],
];
const LIFT_MEASURES: Array<[keyof LiftRelease, string]> = [
  ["lift", "lift"],
  ["low", "lift_low_95"],
  ["high", "lift_high_95"],
  ["incremental", "incremental_conversions"],
];

const value = (r: Release) => (r.released ? String(Math.round(r.value * 1e6) / 1e6) : null);
const note = (r: Release) => (r.released ? null : r.message);

export function performanceCsv(r: PerformanceReport, currency: string | null): string {
  let out = csvRow(HEADER);
  const line = (from: string, to: string, channel: string, measure: string, x: Release) => {
    out += csvRow([from, to, channel, measure === "revenue" && currency ? `revenue_${currency}` : measure, value(x), note(x)]);
  };
  const rows = [...r.byChannel.map((c) => ({ label: LABELS.channel[c.channel], cells: c.cells, total: c.total })), { label: "All channels", cells: r.totals.cells, total: r.totals.total }];
  for (const row of rows) {
    r.periods.forEach((p, i) => CELL_MEASURES.forEach(([k, name]) => line(p.from, p.to, row.label, name, row.cells[i]![k])));
    CELL_MEASURES.forEach(([k, name]) => line(r.from, r.to, row.label, name, row.total[k]));
  }
  r.periods.forEach((p, i) => LIFT_MEASURES.forEach(([k, name]) => line(p.from, p.to, "All channels", name, r.lift.cells[i]![k])));
  LIFT_MEASURES.forEach(([k, name]) => line(r.from, r.to, "All channels", name, r.lift.total[k]));
  return out;
}
