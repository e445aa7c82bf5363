/**
 * The data every chart wrapper takes. A value may be withheld by the privacy rules: it is then
 * `null` in the chart (a gap) and its `text` ("fewer than 100") in the table view.
 */
export interface ChartCell {
  value: number | null;
  /** How the table shows it: the formatted number, or why it is withheld. */
  text: string;
}

export interface ChartPoint {
  /** The x value's label (a period or a category). */
  label: string;
  cells: Record<string, ChartCell>;
}

export interface ChartSeries {
  key: string;
  label: string;
}

/** Colours for series in order; dark enough for 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLORS = ["#1f6f5c", "#7c3aed", "#c2410c", "#0369a1", "#be185d", "#4d7c0f", "#b45309", "#475569"];

export const colorOf = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;

/** Points as recharts reads them: one object per x with a number or null per series. */
export function toRows(points: ChartPoint[], keys: string[]): Array<Record<string, string | number | null>> {
  return points.map((p) => Object.fromEntries([["label", p.label], ...keys.map((k) => [k, p.cells[k]?.value ?? null])]));
}
