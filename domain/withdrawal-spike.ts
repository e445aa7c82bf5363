/**
 * Consent per purpose by week, and the withdrawal-spike rule (README, "Outcome and consent
 * metrics"): a week whose withdrawal rate is more than a policy-set multiple of the purpose's
 * baseline (the mean rate of the 8 weeks before it) is a spike. Pure: the Consent page, the
 * alert job and the tests share it.
 */

/** One purpose's consent on one UTC day, summed over sources, jurisdictions and senders. */
export interface ConsentDay {
  date: string;
  consented: number;
  optIns: number;
  withdrawals: number;
}

/** One ISO week (Monday to Sunday) of a purpose's consent. */
export interface ConsentWeek {
  /** The Monday. */
  week: string;
  /** The Sunday. */
  to: string;
  /** People consented at the end of the week's last reported day. */
  consented: number;
  optIns: number;
  withdrawals: number;
  /**
   * People consented when the week began: those at its end, plus those who withdrew, less those
   * who opted in (the stock moves only by the flows).
   */
  atStart: number;
}

export const BASELINE_WEEKS = 8;
/** Fewer weeks with a rate than this in the baseline window, and no baseline is set. */
export const MIN_BASELINE_WEEKS = 4;
export const DEFAULT_SPIKE_MULTIPLE = 3;

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The Monday of the ISO week holding `iso` (a YYYY-MM-DD day). */
export function weekStart(iso: string): string {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return addDays(iso, -((dow + 6) % 7));
}

/** The Monday of the last week that has ended by `now` (the week before the current one). */
export function lastCompleteWeek(now: Date): string {
  return addDays(weekStart(now.toISOString().slice(0, 10)), -7);
}

/** Weeks with any reported day, oldest first. */
export function weeklySeries(days: readonly ConsentDay[]): ConsentWeek[] {
  const byWeek = new Map<string, { last: string; consented: number; optIns: number; withdrawals: number }>();
  for (const d of days) {
    const w = weekStart(d.date);
    const acc = byWeek.get(w) ?? { last: "", consented: 0, optIns: 0, withdrawals: 0 };
    acc.optIns += d.optIns;
    acc.withdrawals += d.withdrawals;
    if (d.date > acc.last) {
      acc.last = d.date;
      acc.consented = d.consented;
    }
    byWeek.set(w, acc);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([week, a]) => ({ week, to: addDays(week, 6), consented: a.consented, optIns: a.optIns, withdrawals: a.withdrawals, atStart: a.consented + a.withdrawals - a.optIns }));
}

/** Withdrawals over the people consented when the week began; null when nobody was. */
export function withdrawalRate(w: Pick<ConsentWeek, "withdrawals" | "atStart">): number | null {
  return w.atStart > 0 ? w.withdrawals / w.atStart : null;
}

export type SpikeVerdict =
  | { status: "spike" | "normal"; week: string; rate: number; baseline: number; /** rate ÷ baseline; Infinity against a zero baseline. */ ratio: number }
  | { status: "no-data" | "no-baseline" | "too-few"; week: string };

/**
 * Whether `week` (a Monday) is a spike: its rate above `multiple` × the mean rate of the
 * BASELINE_WEEKS weeks before it (those with a rate; at least MIN_BASELINE_WEEKS). A week with
 * fewer than `k` withdrawals or people is never one: the alert would tell a small count
 * (privacy rule 1), and a handful of withdrawals is no signal anyway.
 */
export function detectSpike(weeks: readonly ConsentWeek[], week: string, opts: { multiple: number; k: number }): SpikeVerdict {
  const current = weeks.find((w) => w.week === week);
  const rate = current ? withdrawalRate(current) : null;
  if (!current || rate === null) return { status: "no-data", week };
  const from = addDays(week, -7 * BASELINE_WEEKS);
  const rates = weeks
    .filter((w) => w.week >= from && w.week < week)
    .map(withdrawalRate)
    .filter((r): r is number => r !== null);
  if (rates.length < MIN_BASELINE_WEEKS) return { status: "no-baseline", week };
  if (current.withdrawals < opts.k || current.atStart < opts.k) return { status: "too-few", week };
  const baseline = rates.reduce((s, r) => s + r, 0) / rates.length;
  const ratio = baseline > 0 ? rate / baseline : rate > 0 ? Infinity : 1;
  return { status: rate > opts.multiple * baseline ? "spike" : "normal", week, rate, baseline, ratio };
}

/** "2.40%": rates are small, so two decimals. */
export const percent = (r: number) => `${(r * 100).toFixed(2)}%`;
