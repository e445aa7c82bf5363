import type { CheckKey, Finding } from "./types";

/**
 * What identifies a finding across two evaluations: its check and the input it is about. A
 * finding's wording and the signals it blames change with the inputs ("2 of 3 signals were not
 * collected…" becomes "1 of 3…"), but it is still the same problem for the same purpose, channel
 * or signal. Checks that fire at most once per segment are identified by their key alone.
 */
const SUBJECT: Record<CheckKey, "purposes" | "channels" | "signals" | null> = {
  purpose_not_consented: "purposes",
  special_category_in_marketing: "signals",
  channel_needs_opt_in: "channels",
  childrens_data: null,
  undocumented: null,
  retention_shorter_than_lookback: null,
  low_fidelity_precision: null,
  cohort_below_minimum: null,
  legitimate_interest_profiling_eu: "purposes",
  missing_frequency_cap: null,
  consent_changed_upstream: null,
};

export function findingSubject(f: Finding): string {
  const field = SUBJECT[f.policyKey];
  const values = field === null ? [] : field === "signals" ? f.signals.map((s) => s.id) : [...f[field]];
  return `${f.policyKey}|${values.sort().join(",")}`;
}

export interface StillThere {
  before: Finding;
  after: Finding;
  /** Signals it blamed before and no longer does, and the other way round. */
  noLongerBlames: Array<{ id: string; name: string }>;
  nowBlames: Array<{ id: string; name: string }>;
}

export interface FindingDiff {
  added: Finding[];
  cleared: Finding[];
  unchanged: StillThere[];
}

/** Pairs the findings before and after a change by check and subject, never by their text. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingDiff {
  const waiting = new Map<string, Finding[]>();
  for (const f of before) waiting.set(findingSubject(f), [...(waiting.get(findingSubject(f)) ?? []), f]);
  const added: Finding[] = [];
  const unchanged: StillThere[] = [];
  for (const a of after) {
    const match = waiting.get(findingSubject(a))?.shift();
    if (!match) {
      added.push(a);
      continue;
    }
    const was = new Set(match.signals.map((s) => s.id));
    const is = new Set(a.signals.map((s) => s.id));
    unchanged.push({
      before: match,
      after: a,
      noLongerBlames: match.signals.filter((s) => !is.has(s.id)),
      nowBlames: a.signals.filter((s) => !was.has(s.id)),
    });
  }
  const cleared = [...waiting.values()].flat();
  // Keep the engine's order (check order) for what was cleared.
  cleared.sort((x, y) => before.indexOf(x) - before.indexOf(y));
  return { added, cleared, unchanged };
}
