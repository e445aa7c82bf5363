import { describe, expect, it } from "vitest";
import { liftPoints, measurePoints, periodLabel, reasonsIn, shortLabel, textOf, type Cell, type ReportLike, type Shown } from "./performance-points";

const on = (value: number): Shown => ({ released: true, value });
const few: Shown = { released: false, reason: "threshold", message: "fewer than 50" };
const derived: Shown = { released: false, reason: "derived", message: "not shown: computed from a number that is fewer than 50" };
const cell = (reached: Shown, conversions: Shown, rate: Shown, revenue: Shown): Cell => ({ reached, conversions, rate, revenue });
const noLift = { lift: derived, low: derived, high: derived, incremental: derived, incrementalLow: derived, incrementalHigh: derived };

const report: ReportLike = {
  k: 50,
  period: "week",
  periods: [
    { start: "2026-11-23", from: "2026-11-23", to: "2026-11-29" },
    { start: "2026-11-30", from: "2026-11-30", to: "2026-12-03" },
  ],
  channels: ["email", "sms"],
  byChannel: [
    { channel: "email", cells: [cell(on(1000), on(100), on(0.1), on(2500)), cell(on(600), on(60), on(0.1), on(1500))], total: cell(on(1600), on(160), on(0.1), on(4000)) },
    { channel: "sms", cells: [cell(few, few, derived, derived), cell(few, few, derived, derived)], total: cell(on(80), few, derived, derived) },
  ],
  totals: { cells: [cell(on(1030), on(110), on(110 / 1030), on(2600)), cell(on(650), on(62), on(62 / 650), on(1540))], total: cell(on(1680), on(172), on(172 / 1680), on(4140)) },
  lift: {
    cells: [{ lift: on(0.25), low: on(0.05), high: on(0.5), incremental: on(22), incrementalLow: on(4), incrementalHigh: on(40) }, noLift],
    total: noLift,
  },
};

describe("the Performance report's charts and tables", () => {
  it("labels periods", () => {
    expect(periodLabel("2026-11-30", "week")).toBe("Week of 30 Nov 2026");
    expect(periodLabel("2026-12-01", "month")).toBe("Dec 2026");
    expect(periodLabel("2026-12-03", "day")).toBe("3 Dec 2026");
    expect(shortLabel("2026-11-30", "week")).toBe("30 Nov");
    expect(shortLabel("2026-12-01", "month")).toBe("Dec 26");
  });

  it("spells out withheld numbers in the table and leaves a gap (never a zero) in the chart", () => {
    const { points, series } = measurePoints(report, "reached", null);
    expect(series.map((s) => s.key)).toEqual(["email", "sms", "all"]);
    expect(points[0]).toEqual({
      label: "23 Nov",
      cells: { email: { value: 1000, text: "1,000" }, sms: { value: null, text: "fewer than 50" }, all: { value: 1030, text: "1,030" } },
    });
    expect(measurePoints(report, "rate", null).points[0]!.cells.sms).toEqual({ value: null, text: "not shown" });
    expect(measurePoints(report, "rate", null).points[0]!.cells.email!.text).toBe("10.0%");
    expect(measurePoints(report, "revenue", "EUR").points[0]!.cells.email!.text).toBe("2,500 EUR");
  });

  it("gives lift its interval, and nothing where it is withheld", () => {
    expect(liftPoints(report)).toEqual([
      { label: "23 Nov", cells: { estimate: { value: 0.25, text: "+25.0%" }, low: { value: 0.05, text: "+5.0%" }, high: { value: 0.5, text: "+50.0%" } } },
      { label: "30 Nov", cells: { estimate: { value: null, text: "not shown" }, low: { value: null, text: "not shown" }, high: { value: null, text: "not shown" } } },
    ]);
  });

  it("says which reasons occur, for the legend", () => {
    expect([...reasonsIn(report)].sort()).toEqual(["derived", "threshold"]);
    expect(textOf({ released: false, reason: "complementary", message: "withheld so that…" }, String)).toBe("withheld");
  });
});
