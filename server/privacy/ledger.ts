/**
 * Rule 3 of the privacy rules: difference protection. Given the numbers released before on the
 * same cell key (a segment's count of one measure, channel and group over some days), a new
 * number is withheld when it and an earlier one differ by fewer than k people: subtracting the
 * two would describe that small group (moving a date range by one day isolates one day). Pure:
 * the caller loads the ledger and records what it releases.
 */
import type { Release } from "./threshold";

/** A number released before: what was counted (key), over which days (inclusive ISO dates), and the value shown. */
export interface LedgerEntry {
  key: string;
  from: string;
  to: string;
  value: number;
  /** When it was released, for the message. */
  releasedAt?: string;
}

export type Candidate = Omit<LedgerEntry, "releasedAt">;

export type DifferenceCheck = { ok: true } | { ok: false; against: LedgerEntry; isolated: number; message: string };

/**
 * How many people subtracting `earlier` from `candidate` would isolate, or null when the pair
 * isolates nobody: the same days counted again to the same value (a repeat). The same days with
 * a changed value (data re-sent) and overlapping days do isolate |difference| people, 0 included
 * (that nobody in the days between converted is itself a count below k). Days that do not
 * overlap isolate nobody: two separate days (a daily series) are two counts, not a difference.
 */
export function isolatedBy(candidate: Candidate, earlier: LedgerEntry): number | null {
  if (candidate.key !== earlier.key) return null;
  if (candidate.to < earlier.from || earlier.to < candidate.from) return null;
  const sameDays = candidate.from === earlier.from && candidate.to === earlier.to;
  const diff = Math.abs(candidate.value - earlier.value);
  return sameDays && diff === 0 ? null : diff;
}

/** Refuses the candidate when any earlier release of its key differs from it by fewer than k people; names the first such release. */
export function checkDifference(candidate: Candidate, ledger: readonly LedgerEntry[], k: number): DifferenceCheck {
  for (const earlier of ledger) {
    const isolated = isolatedBy(candidate, earlier);
    if (isolated === null || isolated >= k) continue;
    const when = earlier.releasedAt ? ` on ${earlier.releasedAt.slice(0, 10)}` : "";
    const message = `withheld: it differs by ${isolated} from the number released${when} for ${earlier.from} to ${earlier.to}, and fewer than ${k} people must never be told apart`;
    return { ok: false, against: earlier, isolated, message };
  }
  return { ok: true };
}

/** The release of a candidate that passed the threshold, after difference protection. */
export function protectAgainstLedger(candidate: Candidate, ledger: readonly LedgerEntry[], k: number): Release {
  const check = checkDifference(candidate, ledger, k);
  return check.ok ? { released: true, value: candidate.value } : { released: false, reason: "difference", message: check.message };
}
