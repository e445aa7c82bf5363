import { utcDay } from "@/domain/dates";
import type { DecisionRecord } from "../usage-hook";

/** One (segment, token, channel, UTC day) row's worth of decisions, to add to what is stored. */
export interface UsageDelta {
  segmentId: string;
  tokenId: string;
  channel: string;
  /** YYYY-MM-DD, in UTC like every day in Steward. */
  day: string;
  allowed: number;
  denied: number;
  firstAskedAt: Date;
  lastAskedAt: Date;
}

/** Identical denials (same tool, segment, channel and reasons) of one flush, as one log row. */
export interface DenialRow {
  /** The first of them. */
  at: Date;
  /** The last of them when there were several, else null. */
  lastAt: Date | null;
  count: number;
  segmentId: string;
  tokenId: string;
  channel: string;
  reasons: { code: string; message: string }[];
}

/**
 * Folds decisions into one delta per (segment, token, channel, day) and the list of denials.
 * One row per key is required: a multi-row `ON CONFLICT DO UPDATE` may not touch a row twice.
 * Deltas come sorted by key, so two processes flushing overlapping keys lock rows in the same
 * order and cannot deadlock each other. A decision about an unknown segment (no id) is not
 * usage of any segment and is left out.
 *
 * Identical denials in one flush (at most a second or so apart) become one row with their count:
 * a tool that polls a paused segment, or asks a batch again, repeats the same answer, and one row
 * per repeat was most of the gate's write cost (bench/gate).
 */
export function mergeDecisions(records: readonly DecisionRecord[]): { deltas: UsageDelta[]; denials: DenialRow[] } {
  const merge = createMerge();
  merge.add(records);
  return merge.result();
}

/**
 * mergeDecisions in parts: the recorder adds a large flush's decisions a slice at a time and
 * lets requests run in between (merging 25,000 decisions at once held the event loop ~45 ms).
 */
export function createMerge() {
  const byKey = new Map<string, UsageDelta>();
  // Each key's first distinct denials, found by comparing reasons: a key string with every
  // reason's message in it was built and hashed for every denial, most of a large flush's merge
  // time. Past FEW_PER_KEY (a caller can vary a message: the purpose it names), by that string.
  const denialsByKey = new Map<string, DenialRow[]>();
  const moreDenials = new Map<string, DenialRow>();
  const denials: DenialRow[] = [];
  // One request's decisions share their clock: its UTC day is worked out once.
  let lastTime = NaN;
  let lastDay = "";
  const add = (records: readonly DecisionRecord[]) => {
    for (const r of records) {
      if (!r.segmentId) continue;
      const time = r.at.getTime();
      if (time !== lastTime) [lastTime, lastDay] = [time, utcDay(r.at)];
      const day = lastDay;
      const key = `${r.segmentId}\u0000${r.tokenId}\u0000${r.channel}\u0000${day}`;
      let d = byKey.get(key);
      if (!d) byKey.set(key, (d = { segmentId: r.segmentId, tokenId: r.tokenId, channel: r.channel, day, allowed: 0, denied: 0, firstAskedAt: r.at, lastAskedAt: r.at }));
      if (r.allowed) d.allowed++;
      else {
        d.denied++;
        let same = denialsByKey.get(key);
        if (!same) denialsByKey.set(key, (same = []));
        const full = same.length >= FEW_PER_KEY;
        const text = full ? `${key}\u0000${r.reasons.map((x) => `${x.code}\u0001${x.message}`).join("\u0000")}` : "";
        const denial = same.find((row) => sameReasons(row.reasons, r.reasons)) ?? (full ? moreDenials.get(text) : undefined);
        if (!denial) {
          const row = { at: r.at, lastAt: null, count: 1, segmentId: r.segmentId, tokenId: r.tokenId, channel: r.channel, reasons: r.reasons };
          if (full) moreDenials.set(text, row);
          else same.push(row);
          denials.push(row);
        } else {
          denial.count++;
          if (r.at < denial.at) [denial.at, denial.lastAt] = [r.at, denial.lastAt ?? denial.at];
          else if (r.at > (denial.lastAt ?? denial.at)) denial.lastAt = r.at;
          else denial.lastAt ??= r.at;
        }
      }
      if (r.at < d.firstAskedAt) d.firstAskedAt = r.at;
      if (r.at > d.lastAskedAt) d.lastAskedAt = r.at;
    }
  };
  const result = () => {
    const deltas = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
    return { deltas, denials };
  };
  return { add, result };
}

/** Distinct denials per key compared one by one; more are found by a key string. */
const FEW_PER_KEY = 8;

/** The same reasons in the same order (an answer lists them in a fixed order). */
function sameReasons(a: DenialRow["reasons"], b: DenialRow["reasons"]): boolean {
  return a.length === b.length && a.every((x, i) => x.code === b[i]!.code && x.message === b[i]!.message);
}
