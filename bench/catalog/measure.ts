// Times tRPC calls over HTTP, one at a time (latency, not throughput), as the browser makes them:
// GET /api/trpc/<path>?input=<superjson>.

export interface Case {
  name: string;
  path: string;
  /** The input of the i-th request, so a case can vary ids or search words. */
  input: (i: number) => unknown;
}

export interface Result {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const GOAL_MS = 50;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function call(baseUrl: string, cookie: string, c: Case, i: number): Promise<number> {
  const input = c.input(i);
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/trpc/${c.path}${qs}`, { headers: { cookie } });
  const body = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${c.name}: HTTP ${res.status} ${body.slice(0, 300)}`);
  return ms;
}

/**
 * Every case once per round, round after round: background load on a shared machine then falls
 * on all cases alike instead of on whichever case happened to be running during a spike.
 */
export async function measureAll(baseUrl: string, cookie: string, cases: Case[], opts: { warmup: number; requests: number }): Promise<Result[]> {
  for (let i = 0; i < opts.warmup; i++) for (const c of cases) await call(baseUrl, cookie, c, i);
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < opts.requests; i++) {
    for (const [k, c] of cases.entries()) times[k]!.push(await call(baseUrl, cookie, c, opts.warmup + i));
  }
  return cases.map((c, k) => {
    const sorted = times[k]!.sort((a, b) => a - b);
    return { name: c.name, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
  });
}

const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

export function printHeader(): void {
  console.log(`\n${"call".padEnd(48)} ${"n".padStart(4)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"max".padStart(10)}  p95 ≤ ${GOAL_MS} ms`);
}

export function printRow(r: Result): void {
  console.log(`${r.name.padEnd(48)} ${String(r.n).padStart(4)} ${f(r.p50)} ${f(r.p95)} ${f(r.max)}  ${r.p95 <= GOAL_MS ? "yes" : "NO"}`);
}

/** The closing line; true when every call meets the goal. */
export function printSummary(results: Result[]): boolean {
  const failing = results.filter((r) => r.p95 > GOAL_MS);
  const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log(
    `\nSummary: ${results.length - failing.length}/${results.length} calls meet p95 ≤ ${GOAL_MS} ms; worst p95 ${worst.p95.toFixed(1)} ms (${worst.name})` +
      (failing.length ? `; over the goal: ${failing.map((r) => r.name).join(", ")}` : "."),
  );
  return failing.length === 0;
}
