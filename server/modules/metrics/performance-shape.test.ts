import { describe, expect, it } from "vitest";
import { CHANNELS } from "@/domain/vocab";
import { buildReport, candidateId, candidatesOf, cellKey, performanceTables, periodStart, protectTables, reportWindow, withheldOf } from "./performance-shape";
import type { PeriodRow } from "./queries";

describe("periods", () => {
  it.each([
    ["2026-12-03", "day", "2026-12-03"],
    ["2026-12-03", "week", "2026-11-30"], // a Thursday: its week starts on Monday
    ["2026-11-30", "week", "2026-11-30"],
    ["2026-12-06", "week", "2026-11-30"], // a Sunday ends the week
    ["2026-01-01", "week", "2025-12-29"], // across the year
    ["2026-12-03", "month", "2026-12-01"],
  ] as const)("%s's %s starts on %s", (day, period, start) => expect(periodStart(day, period)).toBe(start));

  it("goes back whole periods, the current one ending today", () => {
    const w = reportWindow("week", "2026-12-03", 3);
    expect(w).toEqual({
      from: "2026-11-16",
      to: "2026-12-03",
      periods: [
        { start: "2026-11-16", from: "2026-11-16", to: "2026-11-22" },
        { start: "2026-11-23", from: "2026-11-23", to: "2026-11-29" },
        { start: "2026-11-30", from: "2026-11-30", to: "2026-12-03" },
      ],
    });
    const m = reportWindow("month", "2026-03-15", 3);
    expect(m.periods.map((p) => [p.from, p.to])).toEqual([
      ["2026-01-01", "2026-01-31"],
      ["2026-02-01", "2026-02-28"],
      ["2026-03-01", "2026-03-15"],
    ]);
    expect(reportWindow("day", "2026-03-01").periods).toHaveLength(30);
    expect(reportWindow("week", "2026-03-01").periods).toHaveLength(26);
    expect(reportWindow("month", "2026-03-01").periods).toHaveLength(12);
  });
});

const SEG = "00000000-0000-4000-8000-000000000001";
const window = reportWindow("week", "2026-11-29", 3); // three whole weeks: 9, 16 and 23 Nov
const row = (period: string, channel: PeriodRow["channel"], group: PeriodRow["group"], reached: number, conversions: number, revenue = "0"): PeriodRow => ({
  period,
  channel,
  group,
  reached,
  conversions,
  revenue,
});
const W = window.periods.map((p) => p.start);

/** Email, web and SMS for three weeks; web's second week reached only 40; the holdout converted 30 a week. */
const rows: PeriodRow[] = [
  ...W.flatMap((w, i) => [
    row(w, "email", "treatment", 1000 + i * 100, 200 + i * 10, "5000.50"),
    row(w, "web", "treatment", i === 1 ? 40 : 800, i === 1 ? 30 : 160, "100"),
    row(w, "sms", "treatment", 900, 90, "10"),
    row(w, "email", "holdout", 150, 20),
    row(w, "web", "holdout", 150, 10),
  ]),
];

function report(k: number, input = rows) {
  const t = performanceTables(SEG, input, CHANNELS, window);
  return { t, r: buildReport(t, k, "week", protectTables(t, k)) };
}

describe("a segment with no outcomes in the window", () => {
  it("is a report with no channels and every total withheld, not an error", () => {
    const t = performanceTables(SEG, [], CHANNELS, window);
    const withheld = t.tables.map((table) => table.table.values.map(() => ({ released: false, reason: "threshold", message: "fewer than 100" }) as const));
    const r = buildReport(t, 100, "week", withheld);
    expect(r.channels).toEqual([]);
    expect(r.byChannel).toEqual([]);
    expect(r.totals.total.reached.released).toBe(false);
    expect(r.lift.total.lift.released).toBe(false);
  });
});

describe("the Performance report's privacy", () => {
  it("withholds a small cell as 'fewer than k', and enough others that the totals do not give it back", () => {
    const { r } = report(100);
    expect(r.channels).toEqual(["email", "web", "sms"]);
    const web = r.byChannel[1]!;
    expect(web.cells[1]!.reached).toEqual({ released: false, reason: "threshold", message: "fewer than 100" });
    // Conversions of 30 too, and both rows' totals or a neighbour must go: 40 = web total − the other weeks.
    expect(web.cells[1]!.conversions).toMatchObject({ released: false, reason: "threshold" });
    const webReachedRow = [...web.cells.map((c) => c.reached), web.total.reached, r.totals.cells[1]!.reached];
    expect(webReachedRow.filter((x) => !x.released).length).toBeGreaterThan(1);
    // The smallest neighbours are taken: in its column SMS's 900 rather than email's 1100; email keeps every week.
    expect(r.byChannel[2]!.cells[1]!.reached).toMatchObject({ released: false, reason: "complementary" });
    expect(r.byChannel[0]!.cells.every((c) => c.reached.released)).toBe(true);
  });

  it("withholds rates, revenue and lift computed from a withheld count", () => {
    const { r } = report(100);
    const web = r.byChannel[1]!.cells[1]!;
    expect(web.rate).toMatchObject({ released: false, reason: "derived", message: "not shown: computed from a number that is fewer than 100" });
    expect(web.revenue).toMatchObject({ released: false, reason: "derived" });
    const email = r.byChannel[0]!.cells[0]!;
    expect(email.rate).toEqual({ released: true, value: 0.2 });
    expect(email.revenue).toEqual({ released: true, value: 5000.5 });
    // The holdout converted 30 per week: below k, so weekly lift is withheld; the window's 90 is too.
    expect(r.lift.cells[0]!.lift).toMatchObject({ released: false, reason: "derived" });
    expect(r.lift.total.lift.released).toBe(false);
    // With k = 20 it is shown, with its interval around it.
    const low = report(20).r.lift.cells[0]!;
    expect(low.lift.released && low.low.released && low.high.released).toBe(true);
    const v = (x: typeof low.lift) => (x.released ? x.value : NaN);
    expect(v(low.low)).toBeLessThan(v(low.lift));
    expect(v(low.high)).toBeGreaterThan(v(low.lift));
    expect(low.incremental.released).toBe(true);
  });

  it("never releases a count below k, whatever the k", () => {
    for (const k of [1, 10, 50, 100, 500, 2000]) {
      const { t } = report(k);
      const releases = protectTables(t, k);
      for (const rs of releases) for (const x of rs) if (x.released) expect(x.value).toBeGreaterThanOrEqual(k);
    }
  });

  it("suppresses a count the ledger withheld with its complement, keeping the ledger's reason", () => {
    const { t } = report(100);
    const key = { key: cellKey(SEG, "reached", "email", "treatment"), from: W[0]!, to: window.periods[0]!.to };
    const forced = new Map([[candidateId(key), { released: false as const, reason: "difference" as const, message: "withheld: it differs by 3" }]]);
    const releases = protectTables(t, 100, forced);
    const r = buildReport(t, 100, "week", releases);
    expect(r.byChannel[0]!.cells[0]!.reached).toEqual({ released: false, reason: "difference", message: "withheld: it differs by 3" });
    // Email's first week (1000) is no longer derivable from email's total and its other weeks.
    const emailRow = [...r.byChannel[0]!.cells.map((c) => c.reached), r.byChannel[0]!.total.reached];
    expect(emailRow.filter((x) => !x.released).length).toBeGreaterThan(1);
    // Every withheld count is forced again in a later pass; candidates are the released ones only.
    expect(withheldOf(t, releases).size + candidatesOf(t, releases).length).toBe(t.tables.reduce((s, x) => s + x.table.values.length, 0));
  });

  it("keys every count by segment, measure, channel (or all) and group, with its days", () => {
    const { t } = report(100);
    const ids = t.tables.flatMap((x) => x.cells.map(candidateId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(`seg:${SEG}|reached|all|treatment@2026-11-09..2026-11-29`);
    expect(ids).toContain(`seg:${SEG}|conversions|all|holdout@2026-11-16..2026-11-22`);
  });
});
