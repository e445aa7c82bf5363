import { describe, expect, it } from "vitest";
import type { ConsentWeek } from "@/domain/withdrawal-spike";
import { consentCandidates, protectConsentWeeks } from "./consent-protect";

/** Consecutive weeks from 2026-11-02, each consistent: start + opt-ins = end + withdrawals, and a week's start is the last one's end. */
function weeks(flows: Array<[optIns: number, withdrawals: number]>, start = 10_000): ConsentWeek[] {
  let atStart = start;
  return flows.map(([optIns, withdrawals], i) => {
    const week = new Date(Date.UTC(2026, 10, 2 + 7 * i)).toISOString().slice(0, 10);
    const consented = atStart + optIns - withdrawals;
    const w = { week, to: "", consented, optIns, withdrawals, atStart };
    atStart = consented;
    return w;
  });
}
const shown = (ws: ReturnType<typeof protectConsentWeeks>) => ws.map((w) => [w.consented, w.optIns, w.withdrawals, w.atStart, w.rate].map((r) => (r.released ? "ok" : r.reason)));

describe("the Consent page's weekly table under the privacy rules", () => {
  it.each([
    {
      name: "every count at or above k: all shown, the rate too",
      flows: [
        [300, 200],
        [250, 120],
      ] as Array<[number, number]>,
      want: [
        ["ok", "ok", "ok", "ok", "ok"],
        ["ok", "ok", "ok", "ok", "ok"],
      ],
    },
    {
      name: "withdrawals below k: withheld, and so is a count that would give them back, and the rate",
      flows: [
        [300, 200],
        [250, 20],
      ] as Array<[number, number]>,
    },
    {
      name: "opt-ins below k in the first week",
      flows: [
        [10, 200],
        [250, 120],
      ] as Array<[number, number]>,
    },
  ])("$name", ({ flows, want }) => {
    const out = protectConsentWeeks(weeks(flows), 50);
    if (want) expect(shown(out)).toEqual(want);
    for (const [i, w] of out.entries()) {
      const truth = weeks(flows)[i]!;
      // Rule 1: nothing below k is shown.
      for (const m of ["consented", "optIns", "withdrawals", "atStart"] as const) if (w[m].released) expect(truth[m]).toBeGreaterThanOrEqual(50);
      // Rule 2: a withheld count is never the difference of shown ones on either side of start + opt-ins = end + withdrawals.
      const known = (m: "consented" | "optIns" | "withdrawals" | "atStart") => w[m].released;
      const hidden = (["consented", "optIns", "withdrawals", "atStart"] as const).filter((m) => !known(m));
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
      if (!w.withdrawals.released || !w.atStart.released) expect(w.rate.released).toBe(false);
    }
  });

  it("a count the ledger refused stays withheld, with its reason, and protected like a small one", () => {
    const ws = weeks([
      [300, 200],
      [250, 120],
    ]);
    const refused = { released: false as const, reason: "difference" as const, message: "withheld: it differs by 3 …" };
    const out = protectConsentWeeks(ws, 50, new Map([[`${ws[1]!.week}:withdrawals`, refused]]));
    expect(out[1]!.withdrawals).toEqual(refused);
    expect(shown(out)[1]!.filter((s) => s !== "ok").length).toBeGreaterThanOrEqual(3); // another count and the rate
    expect(consentCandidates("p", out).some((c) => c.ref === `${ws[1]!.week}:withdrawals`)).toBe(false);
  });
});
