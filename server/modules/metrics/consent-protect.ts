/**
 * The Consent page's weekly table through privacy rules 1 and 2 (server/privacy). Pure.
 *
 * A week releases the people consented at its end, its opt-ins and withdrawals, and its
 * withdrawal rate, whose denominator (the people consented at its start) is a count too: rate and
 * withdrawals give it back. These are linked: start + opt-ins = end + withdrawals, and a week's
 * start is the previous week's end. So a withdrawal count below k could be worked out from the
 * others; complementary suppression sees these equations and withholds more until it cannot.
 */
import { protectCounts, type LinkedCounts } from "@/server/privacy/complementary";
import type { Candidate } from "@/server/privacy/ledger";
import { derive, type Release } from "@/server/privacy/threshold";
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

/**
 * The weeks' counts as LinkedCounts. The identity start + opt-ins = end + withdrawals has two
 * sides, and a LinkedCounts sum has one total: an unshown middle term (value 0, so always below k
 * and never released) stands for both sides, which gives the same equations.
 */
export function consentLinkedCounts(weeks: readonly ConsentWeek[], withheld: ReadonlySet<string> = new Set()): LinkedCounts & { at: (i: number, m: ConsentMeasure) => number } {
  const values: number[] = [];
  const sums: LinkedCounts["sums"] = [];
  const index = weeks.map((w) => Object.fromEntries(CONSENT_MEASURES.map((m) => [m, values.push(withheld.has(`${w.week}:${m}`) ? 0 : w[m]) - 1])) as Record<ConsentMeasure, number>);
  weeks.forEach((w, i) => {
    const at = index[i]!;
    const middle = values.push(0) - 1;
    sums.push({ total: middle, parts: [at.atStart, at.optIns] }, { total: middle, parts: [at.consented, at.withdrawals] });
    // Consecutive weeks: this week's start is the last week's end.
    if (i > 0 && weeks[i - 1]!.week === weekBefore(w.week)) sums.push({ total: at.atStart, parts: [index[i - 1]!.consented] });
  });
  return { values, sums, at: (i, m) => index[i]![m] };
}

/**
 * Each week's counts after the threshold (k) and complementary suppression, and its rate derived
 * from them. `withheld` names counts ("week:measure") the ledger refused (rule 3): they are
 * treated as withheld, so that they cannot be worked out from the rest either.
 */
export function protectConsentWeeks(weeks: readonly ConsentWeek[], k: number, withheld: ReadonlyMap<string, Release> = new Map()): ProtectedWeek[] {
  const table = consentLinkedCounts(weeks, new Set(withheld.keys()));
  const released = protectCounts(table, k);
  return weeks.map((w, i) => {
    const get = (m: ConsentMeasure) => withheld.get(`${w.week}:${m}`) ?? released[table.at(i, m)]!;
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
