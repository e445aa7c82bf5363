import { describe, expect, it } from "vitest";
import { seededRng } from "@/server/privacy/noise";
import { liftWithInterval } from "./lift";

const binomial = (rng: () => number, n: number, p: number) => {
  let x = 0;
  for (let i = 0; i < n; i++) if (rng() < p) x++;
  return x;
};

describe("lift against the holdout", () => {
  it.each([
    // reach and conversion rate of treatment and holdout: a clear lift, a small one, none
    { nt: 5000, pt: 0.05, nh: 1000, ph: 0.04 },
    { nt: 4000, pt: 0.021, nh: 2000, ph: 0.02 },
    { nt: 800, pt: 0.3, nh: 800, ph: 0.3 },
  ])("the 95% interval covers the true lift in at least 93% of 1,000 simulated experiments ($nt at $pt against $nh at $ph)", ({ nt, pt, nh, ph }) => {
    const rng = seededRng(4242);
    const truth = pt / ph - 1;
    const trueIncremental = (pt - ph) * nt;
    let covered = 0;
    let coveredIncremental = 0;
    for (let i = 0; i < 1000; i++) {
      const l = liftWithInterval({ reached: nt, conversions: binomial(rng, nt, pt) }, { reached: nh, conversions: binomial(rng, nh, ph) })!;
      if (l.low <= truth && truth <= l.high) covered++;
      // Incremental conversions are a random quantity themselves; their interval is for (p_t − p_h)·n_t.
      if (l.incrementalLow <= trueIncremental && trueIncremental <= l.incrementalHigh) coveredIncremental++;
    }
    expect(covered).toBeGreaterThanOrEqual(930);
    expect(covered).toBeLessThan(990); // an interval that covers everything says nothing
    expect(coveredIncremental).toBeGreaterThanOrEqual(930);
  });

  it("computes the point estimates and keeps the interval finite when a group converted nobody", () => {
    const l = liftWithInterval({ reached: 1000, conversions: 60 }, { reached: 1000, conversions: 40 })!;
    expect(l.lift).toBeCloseTo(0.5, 10);
    expect(l.incremental).toBeCloseTo(20, 10);
    expect(l.low).toBeLessThan(0.5);
    expect(l.high).toBeGreaterThan(0.5);
    const none = liftWithInterval({ reached: 1000, conversions: 12 }, { reached: 200, conversions: 0 })!;
    expect(none.lift).toBeNull();
    expect(Number.isFinite(none.low) && Number.isFinite(none.high)).toBe(true);
    expect(liftWithInterval({ reached: 0, conversions: 0 }, { reached: 10, conversions: 1 })).toBeNull();
  });
});
