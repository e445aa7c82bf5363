// The request mix of issue 18's load run: 85% reads (lists, search, detail, the review queue
// and badge, lineage, the dashboard, the SSR pages / and /catalog/segments) and 15% writes
// (segment saves: a new segment or a new version of one this run created).

export interface Ids {
  segments: string[];
  signals: string[];
}

export type Op =
  | { kind: "query"; name: string; path: string; input: unknown }
  | { kind: "page"; name: string; url: string }
  | { kind: "create"; name: string; path: "segments.create"; input: Record<string, unknown> };

const WORDS = ["lapsed", "orders", "loyalty", "womenswear", "welcome", "gift buyers"];

/** Weights in percent; they add up to 100. */
const MIX: Array<{ weight: number; make: (ids: Ids, r: () => number, n: number) => Op }> = [
  { weight: 12, make: () => ({ kind: "query", name: "segments.list", path: "segments.list", input: {} }) },
  { weight: 6, make: (_i, r) => ({ kind: "query", name: "segments.list q", path: "segments.list", input: { q: pick(WORDS, r) } }) },
  { weight: 5, make: (_i, r) => ({ kind: "query", name: "segments.list filtered", path: "segments.list", input: { channel: "email", goal: "retention", page: 1 + Math.floor(r() * 5) } }) },
  { weight: 10, make: (ids, r) => ({ kind: "query", name: "segments.byId", path: "segments.byId", input: { id: pick(ids.segments, r) } }) },
  { weight: 6, make: () => ({ kind: "query", name: "signals.list", path: "signals.list", input: {} }) },
  { weight: 4, make: (_i, r) => ({ kind: "query", name: "search.global", path: "search.global", input: { q: pick(WORDS, r) } }) },
  { weight: 6, make: () => ({ kind: "query", name: "reviews.list awaiting_me", path: "reviews.list", input: { queue: "awaiting_me" } }) },
  { weight: 10, make: () => ({ kind: "query", name: "reviews.awaitingCount", path: "reviews.awaitingCount", input: undefined }) },
  { weight: 4, make: (ids, r) => ({ kind: "query", name: "lineage.graph", path: "lineage.graph", input: { node: `segment:${pick(ids.segments, r)}` } }) },
  { weight: 5, make: () => ({ kind: "query", name: "dashboard.summary", path: "dashboard.summary", input: undefined }) },
  { weight: 4, make: () => ({ kind: "query", name: "policy.findingCounts", path: "policy.findingCounts", input: undefined }) },
  { weight: 7, make: () => ({ kind: "page", name: "GET /", url: "/" }) },
  { weight: 6, make: () => ({ kind: "page", name: "GET /catalog/segments", url: "/catalog/segments" }) },
  {
    weight: 15,
    make: (ids, r, n) => ({
      kind: "create",
      name: "segments.create",
      path: "segments.create",
      input: {
        key: `load_${process.pid}_${n}`,
        name: `Load test segment ${n}`,
        description: "Created by bench/load.",
        purposeStatement: "",
        businessGoal: "retention",
        declaredPurposeIds: [],
        channels: ["email"],
        definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: pick(ids.signals, r), operator: "gte", value: 2 }] },
      },
    }),
  },
];

function pick<T>(xs: T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const TOTAL = MIX.reduce((s, m) => s + m.weight, 0);
if (TOTAL !== 100) throw new Error(`the mix adds up to ${TOTAL}%, not 100%`);

/** One request of each kind, with its weight in percent (`bench:load -- --cost`). */
export function oneOfEach(ids: Ids, r: () => number, n: number): Array<{ weight: number; op: Op }> {
  return MIX.map((m) => ({ weight: m.weight, op: m.make(ids, r, n) }));
}

/** The n-th request of a virtual user. */
export function nextOp(ids: Ids, r: () => number, n: number): Op {
  let x = r() * TOTAL;
  for (const m of MIX) {
    if ((x -= m.weight) < 0) return m.make(ids, r, n);
  }
  return MIX[0]!.make(ids, r, n);
}
