import { describe, expect, it } from "vitest";
import { derive, effectiveK, rate, thresholdCount } from "./threshold";

describe("threshold", () => {
  it("k is the segment's minimum reportable cohort, never below the policy minimum", () => {
    expect(effectiveK(100, 50)).toBe(100);
    expect(effectiveK(10, 50)).toBe(50);
    expect(effectiveK(null, 50)).toBe(50);
    expect(() => effectiveK(null, 0)).toThrow(RangeError);
  });

  it("withholds counts below k, zero included, as 'fewer than k'", () => {
    expect(thresholdCount(50, 50)).toEqual({ released: true, value: 50 });
    expect(thresholdCount(49, 50)).toEqual({ released: false, reason: "threshold", message: "fewer than 50" });
    expect(thresholdCount(0, 50)).toMatchObject({ released: false });
    expect(() => thresholdCount(-1, 50)).toThrow(RangeError);
  });

  it("withholds rates and lifts computed from a withheld count", () => {
    const reached = thresholdCount(1000, 50);
    expect(rate(thresholdCount(120, 50), reached)).toEqual({ released: true, value: 0.12 });
    expect(rate(thresholdCount(7, 50), reached)).toMatchObject({ released: false, reason: "derived", message: "not shown: computed from a number that is fewer than 50" });
    const lift = derive([thresholdCount(120, 50), reached, thresholdCount(3, 50), thresholdCount(900, 50)], (c, n, hc, hn) => c / n / (hc / hn) - 1);
    expect(lift.released).toBe(false);
    expect(rate({ released: true, value: 0 }, { released: true, value: 0 })).toMatchObject({ released: false, message: "not defined for these numbers" });
  });
});
