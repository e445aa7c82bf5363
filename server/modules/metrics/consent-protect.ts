/**
 * The Consent page's weekly table through privacy rules 1 and 2 (server/privacy). Pure.
 *
 * A week releases the people consented at its end, its opt-ins and withdrawals, and its
 * withdrawal rate, whose denominator (the people consented at its start) is a count too: rate and
 * withdrawals give it back. These are linked: start + opt-ins = end + withdrawals, and a week's
 * start is the previous week's end. So a withdrawal count below k could be worked out from the
 * others; complementary suppression (as server/privacy/complementary.ts does for tables of sums,
 * here over these signed equations, with the same exact elimination, linear.ts) withholds more
 * until it cannot.
 */
import type { Candidate } from "@/server/privacy/ledger";
import { determinedUnknowns } from "@/server/privacy/linear";
import { derive, fewerThan, type Release } from "@/server/privacy/threshold";
import { withdrawalRate, type ConsentWeek } from "@/domain/withdrawal-spike";

export const CONSENT_MEASURES = ["consented", "optIns", "withdrawals", "atStart"] as const;
export type ConsentMeasure = (typeof CONSENT_MEASURES)[number];

export interface ProtectedWeek {
  week: string;
  to: string;
  consented: Release;
  optIns: Release;
  withdrawals: Release;
  atStart: Release;
  rate: Release;
}

/** The ledger's key of one week's count: weeks are fixed bins, so a range can never be moved by a day. */
export const consentCellKey = (purposeId: string, measure: ConsentMeasure, week: string) => `consent:${purposeId}:${measure}:${week}`;

const DAY = 86_400_000;
const weekBefore = (week: string) => new Date(Date.parse(`${week}T00:00:00Z`) - 7 * DAY).toISOString().slice(0, 10);

/** The weeks' counts and the equations linking them (coefficients, so both sides of the identity fit). */
export function consentEquations(weeks: readonly ConsentWeek[], withheld: ReadonlySet<string> = new Set()) {
  const values: number[] = [];
  const equations: Array<Map<number, bigint>> = [];
  const index = weeks.map((w) => Object.fromEntries(CONSENT_MEASURES.map((m) => [m, values.push(withheld.has(`${w.week}:${m}`) ? -1 : w[m]) - 1])) as Record<ConsentMeasure, number>);
  weeks.forEach((w, i) => {
    const at = index[i]!;
    // start + opt-ins − end − withdrawals = 0
    equations.push(
      new Map([
        [at.atStart, 1n],
        [at.optIns, 1n],
        [at.consented, -1n],
        [at.withdrawals, -1n],
      ]),
    );
    // Consecutive weeks: this week's start is the last week's end.
    if (i > 0 && weeks[i - 1]!.week === weekBefore(w.week))
      equations.push(
        new Map([
          [at.atStart, 1n],
          [index[i - 1]!.consented, -1n],
        ]),
      );
  });
  return { values, equations, at: (i: number, m: ConsentMeasure) => index[i]![m] };
}

/**
 * Rules 1 and 2 over those equations: counts below k (and those refused, marked −1) are withheld;
 * then, while a withheld count is determined by the equations with the released ones put in,
 * the smallest released count sharing an equation with it is withheld too.
 */
function protect(values: readonly number[], equations: ReadonlyArray<Map<number, bigint>>, k: number): Set<number> {
  const suppressed = new Set<number>();
  values.forEach((v, i) => v < k && suppressed.add(i));
  for (;;) {
    const unknowns = equations.map((eq) => new Map([...eq].filter(([i]) => suppressed.has(i))));
    const determined = determinedUnknowns(unknowns);
    if (determined.size === 0) return suppressed;
    const exposed = Math.min(...determined);
    const near = equations.filter((eq) => eq.has(exposed)).flatMap((eq) => [...eq.keys()]);
    const pool = near.filter((i) => !suppressed.has(i));
    // Pinned only through other withheld counts: widen to every released count in an equation with a withheld one.
    const from = pool.length ? pool : equations.filter((eq) => [...eq.keys()].some((i) => suppressed.has(i))).flatMap((eq) => [...eq.keys()].filter((i) => !suppressed.has(i)));
    if (!from.length) throw new Error("A withheld count stays derivable with every count linked to it withheld.");
    suppressed.add(from.reduce((best, i) => (values[i]! < values[best]! || (values[i] === values[best] && i < best) ? i : best)));
  }
}

/**
 * Each week's counts after the threshold (k) and complementary suppression, and its rate derived
 * from them. `withheld` names counts ("week:measure") the ledger refused (rule 3): they are
 * treated as withheld, so that they cannot be worked out from the rest either.
 */
export function protectConsentWeeks(weeks: readonly ConsentWeek[], k: number, withheld: ReadonlyMap<string, Release> = new Map()): ProtectedWeek[] {
  const table = consentEquations(weeks, new Set(withheld.keys()));
  const suppressed = protect(table.values, table.equations, k);
  const primary: Release = { released: false, reason: "threshold", message: fewerThan(k) };
  const secondary: Release = { released: false, reason: "complementary", message: "withheld so that a smaller count cannot be worked out from the others" };
  return weeks.map((w, i) => {
    const get = (m: ConsentMeasure): Release => {
      const at = table.at(i, m);
      const v = table.values[at]!;
      return withheld.get(`${w.week}:${m}`) ?? (!suppressed.has(at) ? { released: true, value: v } : v < k ? primary : secondary);
    };
    const counts = { consented: get("consented"), optIns: get("optIns"), withdrawals: get("withdrawals"), atStart: get("atStart") };
    const rate = derive([counts.withdrawals, counts.atStart], (x, n) => withdrawalRate({ withdrawals: x, atStart: n }) ?? NaN);
    return { week: w.week, to: w.to, ...counts, rate };
  });
}

/** The released counts of the weeks, as ledger candidates. */
export function consentCandidates(purposeId: string, weeks: readonly ProtectedWeek[]): Array<Candidate & { ref: string }> {
  return weeks.flatMap((w) =>
    CONSENT_MEASURES.flatMap((m) => {
      const r = w[m];
      return r.released ? [{ key: consentCellKey(purposeId, m, w.week), from: w.week, to: w.to, value: r.value, ref: `${w.week}:${m}` }] : [];
    }),
  );
}
