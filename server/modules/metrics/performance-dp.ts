/**
 * The Performance tab with differential privacy (privacy rule 4). Pure: the service loads the
 * rows and the ledger, spends the budget and records the release.
 *
 * Counts are released with discrete Laplace noise (server/privacy/noise.ts), sensitivity 1 per
 * count. A person in the treatment group is counted in up to COUNTS_PER_PERSON released counts
 * (their channel × period cell, the channel's total, the period's total and the grand total, for
 * people reached and for conversions), so each count gets epsilon / COUNTS_PER_PERSON and one
 * release spends the whole epsilon (sequential composition). This assumes a tool reports a person
 * in one channel and one period per report, the level the aggregates arrive at; Steward sees
 * only aggregates and cannot check it (README, "Differential privacy").
 */
import { expectedError95, noisyCount, type Rng } from "@/server/privacy/noise";
import type { Release } from "@/server/privacy/threshold";
import { candidateId, type PerformanceTables } from "./performance-shape";

export const COUNTS_PER_PERSON = 8;

export const perCountEpsilon = (epsilonPerRelease: number) => epsilonPerRelease / COUNTS_PER_PERSON;

/** The error shown before spending: each count is within ± this many people of the truth, 95% of the time. */
export const errorPerCount = (epsilonPerRelease: number) => expectedError95(perCountEpsilon(epsilonPerRelease));

/** Every count the threshold and complementary suppression released, with noise; withheld ones stay withheld. */
export function addNoise(releases: Release[][], epsilonPerRelease: number, rng: Rng): Release[][] {
  const epsilon = perCountEpsilon(epsilonPerRelease);
  return releases.map((rs) => rs.map((r) => (r.released ? { released: true, value: noisyCount(r.value, rng, epsilon) } : r)));
}

export const NOT_YET_RELEASED = "not yet released with noise";

/**
 * A noisy release as shown again later: each count's value from the ledger (`released`, by
 * candidateId); a count withheld by the threshold or complement keeps its reason; one that could
 * have been released but is not in the ledger says so.
 */
export function fromLedger(t: PerformanceTables, protectedCounts: Release[][], released: ReadonlyMap<string, number>): Release[][] {
  return protectedCounts.map((rs, ti) =>
    rs.map((r, i) => {
      const value = released.get(candidateId(t.tables[ti]!.cells[i]!));
      if (value !== undefined) return { released: true, value };
      return r.released ? { released: false, reason: "unreleased", message: NOT_YET_RELEASED } : r;
    }),
  );
}

/** Revenue has no bound on what one person adds, so no noise can hide it: with noise it is not released. */
export const REVENUE_UNDER_NOISE: Release = {
  released: false,
  reason: "noise",
  message: "not released with noise: one person's revenue has no bound, so no amount of noise would hide it",
};
