import { describe, expect, it } from "vitest";
import { detectSpike, lastCompleteWeek, weeklySeries, weekStart, withdrawalRate, type ConsentWeek } from "./withdrawal-spike";

/** Weeks from Monday 2026-09-07 on, each with 10,000 people at its start and the given withdrawals. */
const weeks = (withdrawals: Array<number | null>, atStart = 10_000): ConsentWeek[] =>
  withdrawals.flatMap((w, i) => {
    if (w === null) return [];
    const week = new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10);
    return [{ week, to: "", consented: atStart - w, optIns: 0, withdrawals: w, atStart }];
  });
const weekNo = (i: number) => new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10);

describe("weeks", () => {
  it.each([
    ["2026-11-30", "2026-11-30"], // a Monday
    ["2026-12-03", "2026-11-30"], // Thursday
    ["2026-12-06", "2026-11-30"], // Sunday
    ["2027-01-01", "2026-12-28"], // across a year
  ])("the week of %s starts on %s", (day, monday) => expect(weekStart(day)).toBe(monday));

  it("the last complete week is the one before the current week", () => {
    expect(lastCompleteWeek(new Date("2026-12-03T15:00:00Z"))).toBe("2026-11-23");
    expect(lastCompleteWeek(new Date("2026-11-30T00:00:00Z"))).toBe("2026-11-23");
  });

  it("sums the flows of a week, takes the stock of its last reported day, and works out the stock at its start", () => {
    const series = weeklySeries([
      { date: "2026-11-24", consented: 1000, optIns: 10, withdrawals: 5 },
      { date: "2026-11-30", consented: 1020, optIns: 30, withdrawals: 5 },
      { date: "2026-11-23", consented: 995, optIns: 5, withdrawals: 20 },
      { date: "2026-12-02", consented: 1030, optIns: 15, withdrawals: 5 },
    ]);
    expect(series).toEqual([
      { week: "2026-11-23", to: "2026-11-29", consented: 1000, optIns: 15, withdrawals: 25, atStart: 1010 },
      { week: "2026-11-30", to: "2026-12-06", consented: 1030, optIns: 45, withdrawals: 10, atStart: 995 },
    ]);
    expect(withdrawalRate(series[0]!)).toBeCloseTo(25 / 1010);
    expect(withdrawalRate({ withdrawals: 3, atStart: 0 })).toBeNull();
  });
});

describe("withdrawal spikes", () => {
  const opts = { multiple: 3, k: 50 };
  it.each([
    { name: "a week at four times a steady baseline", data: [100, 100, 100, 100, 100, 100, 100, 100, 400], week: 8, status: "spike", ratio: 4 },
    { name: "exactly the multiple is not above it", data: [100, 100, 100, 100, 100, 100, 100, 100, 300], week: 8, status: "normal", ratio: 3 },
    { name: "a rise within the multiple", data: [100, 100, 100, 100, 100, 100, 100, 100, 250], week: 8, status: "normal", ratio: 2.5 },
    { name: "only the 8 weeks before count (an old spike is out of the window)", data: [5000, 100, 100, 100, 100, 100, 100, 100, 100, 400], week: 9, status: "spike", ratio: 4 },
    { name: "a gap in the baseline: the weeks that have data", data: [100, null, 100, null, 100, null, 100, null, 400], week: 8, status: "spike", ratio: 4 },
    { name: "fewer than 4 baseline weeks: no baseline", data: [null, null, null, null, null, 100, 100, 100, 900], week: 8, status: "no-baseline" },
    { name: "a week with no data", data: [100, 100, 100, 100, 100, 100, 100, 100, null], week: 8, status: "no-data" },
    { name: "fewer withdrawals than k: never an alert (and no small count told)", data: [1, 1, 1, 1, 1, 1, 1, 1, 40], week: 8, status: "too-few" },
    { name: "a zero baseline and k or more withdrawals", data: [0, 0, 0, 0, 0, 0, 0, 0, 60], week: 8, status: "spike", ratio: Infinity },
  ])("$name", ({ data, week, status, ratio }) => {
    const v = detectSpike(weeks(data), weekNo(week), opts);
    expect(v.status).toBe(status);
    if (ratio !== undefined && "ratio" in v) expect(v.ratio).toBeCloseTo(ratio);
  });

  it.each([
    { multiple: 2, status: "spike" },
    { multiple: 3, status: "spike" },
    { multiple: 4.5, status: "normal" },
  ])("the policy's multiple decides (×$multiple)", ({ multiple, status }) => {
    expect(detectSpike(weeks([100, 100, 100, 100, 100, 100, 100, 100, 400]), weekNo(8), { multiple, k: 50 }).status).toBe(status);
  });
});
