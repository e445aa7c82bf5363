import { describe, expect, it } from "vitest";
import { CLEAR_LIFT_SEGMENT, NO_LIFT_SEGMENT, sampleOutcomeParams } from "./outcomes";
import { SAMPLE_SEGMENTS } from "./segments";

describe("the sample workspace's outcomes", () => {
  const params = sampleOutcomeParams(SAMPLE_SEGMENTS);
  const k = new Map(SAMPLE_SEGMENTS.map((s) => [s.key, s.minCohortSize]));

  it("covers every channel of every sample segment", () => {
    expect(params).toHaveLength(SAMPLE_SEGMENTS.reduce((n, s) => n + s.channels.length, 0));
  });

  it("has channels whose weeks fall below k (withheld) and main channels whose weeks do not", () => {
    const small = params.filter((p) => p.reach * 7 < k.get(p.key)!);
    expect(small.length).toBeGreaterThan(2);
    const main = SAMPLE_SEGMENTS.flatMap((s) => params.find((p) => p.key === s.key) ?? []);
    for (const p of main) expect(p.reach * 7 * 0.8).toBeGreaterThanOrEqual(k.get(p.key)!);
  });

  it("has one segment with a clear lift and one with none", () => {
    expect(SAMPLE_SEGMENTS.map((s) => s.key)).toEqual(expect.arrayContaining([CLEAR_LIFT_SEGMENT, NO_LIFT_SEGMENT]));
    const of = (key: string) => params.find((p) => p.key === key)!;
    expect(of(CLEAR_LIFT_SEGMENT).treatmentRate / of(CLEAR_LIFT_SEGMENT).holdoutRate).toBeCloseTo(1.6);
    expect(of(NO_LIFT_SEGMENT).treatmentRate).toBe(of(NO_LIFT_SEGMENT).holdoutRate);
  });
});
