import { describe, expect, it } from "vitest";
import { discreteLaplace, discreteLaplaceCdf, expectedError95, noisyCount, secureRng, seededRng } from "./noise";

/** Kolmogorov–Smirnov statistic of integer samples against a CDF, checked on both sides of every jump. */
function ksStatistic(samples: number[], cdf: (x: number) => number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n;) {
    const x = sorted[i]!;
    let j = i;
    while (j < n && sorted[j] === x) j++;
    d = Math.max(d, Math.abs(j / n - cdf(x)), Math.abs(i / n - cdf(x - 1)));
    i = j;
  }
  return d;
}

// The critical value at the 1% level for n = 10,000 (1.628/√n); conservative for a discrete law.
const N = 10_000;
const CRITICAL = 1.628 / Math.sqrt(N);
const draws = (seed: number, epsilon: number) => {
  const rng = seededRng(seed);
  return Array.from({ length: N }, () => discreteLaplace(rng, epsilon));
};

describe("discrete Laplace noise", () => {
  it.each([0.1, 0.5, 1, 2])("follows its distribution at ε = %s (Kolmogorov–Smirnov over 10,000 draws, fixed seed)", (epsilon) => {
    const d = ksStatistic(draws(20261203, epsilon), (x) => discreteLaplaceCdf(x, epsilon));
    expect(d).toBeLessThan(CRITICAL);
  });

  it("the test rejects noise of the wrong scale (it can fail)", () => {
    expect(ksStatistic(draws(20261203, 0.5), (x) => discreteLaplaceCdf(x, 0.4))).toBeGreaterThan(CRITICAL);
    expect(
      ksStatistic(
        draws(20261203, 0.5).map((x) => x + 1),
        (x) => discreteLaplaceCdf(x, 0.5),
      ),
    ).toBeGreaterThan(CRITICAL);
  });

  it("is reproducible from a seed and different across seeds", () => {
    expect(draws(7, 1).slice(0, 50)).toEqual(draws(7, 1).slice(0, 50));
    expect(draws(7, 1).slice(0, 50)).not.toEqual(draws(8, 1).slice(0, 50));
  });

  it("states the error at 95%: the smallest t with P(|noise| ≤ t) ≥ 95%, and draws stay within it 95% of the time", () => {
    for (const epsilon of [0.01, 0.1, 0.5, 1, 3]) {
      const t = expectedError95(epsilon);
      const within = (u: number) => discreteLaplaceCdf(u, epsilon) - discreteLaplaceCdf(-u - 1, epsilon);
      expect(within(t)).toBeGreaterThanOrEqual(0.95);
      if (t > 0) expect(within(t - 1)).toBeLessThan(0.95);
      const share = draws(99, epsilon).filter((x) => Math.abs(x) <= t).length / N;
      expect(share).toBeGreaterThan(0.94);
    }
    // ε = 0.1: b = 10 people, and ± 30 covers 95%, as for continuous Laplace (b·ln 20 ≈ 30).
    expect(expectedError95(0.1)).toBe(30);
  });

  it("never shows a count below zero, and the secure source gives uniform numbers in [0, 1)", () => {
    const rng = seededRng(1);
    for (let i = 0; i < 1000; i++) expect(noisyCount(0, rng, 0.1)).toBeGreaterThanOrEqual(0);
    const secure = secureRng();
    const xs = Array.from({ length: 1000 }, secure);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(() => discreteLaplace(rng, 0)).toThrow(RangeError);
  });
});
