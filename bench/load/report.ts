// Latency, throughput and error figures of a load run, and the check that every acknowledged
// write is stored with its audit event.
import { sql } from "drizzle-orm";
import type { Db } from "../../server/db/client";
import { rowsOf } from "../../server/db/rows";
import { textArray, uuidArray } from "../../server/db/arrays";

export interface Sample {
  name: string;
  ms: number;
  status: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);
const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`).padStart(9);

export function printLatency(samples: Sample[], seconds: number): { rps: number; p95: number; e5xx: number; e503: number } {
  const by = new Map<string, Sample[]>();
  for (const s of samples) by.set(s.name, [...(by.get(s.name) ?? []), s]);
  console.log(`\n${"request".padEnd(28)} ${"n".padStart(6)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"p99".padStart(9)} ${"5xx".padStart(5)}`);
  const line = (name: string, xs: Sample[]) => {
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
    const e = xs.filter((x) => x.status >= 500 || x.status === 0).length;
    console.log(`${name.padEnd(28)} ${String(xs.length).padStart(6)} ${f(pct(ms, 50))} ${f(pct(ms, 95))} ${f(pct(ms, 99))} ${String(e).padStart(5)}`);
  };
  for (const [name, xs] of [...by].sort()) line(name, xs);
  line("all", samples);
  const all = samples.map((x) => x.ms).sort((a, b) => a - b);
  const e5xx = samples.filter((x) => x.status >= 500 || x.status === 0).length;
  const e503 = samples.filter((x) => x.status === 503).length;
  const other = samples.filter((x) => x.status >= 400 && x.status < 500).length;
  const rps = samples.length / seconds;
  console.log(`\n${samples.length} requests in ${seconds.toFixed(0)} s: ${rps.toFixed(1)} req/s; 5xx ${e5xx} (503 sheddings ${e503}; 0 = no answer); 4xx ${other}`);
  return { rps, p95: pct(all, 95), e5xx, e503 };
}

/** Every write the server acknowledged must be there, with its audit event. */
export async function checkWrites(db: Db, acknowledged: string[]): Promise<boolean> {
  if (acknowledged.length === 0) {
    console.log("writes: none acknowledged");
    return true;
  }
  const [row] = rowsOf<{ stored: number; audited: number }>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM segments WHERE id = ANY(${uuidArray(acknowledged)})) AS stored,
      (SELECT count(DISTINCT entity_id)::int FROM audit_events WHERE action = 'segment.created' AND entity_id = ANY(${textArray(acknowledged)})) AS audited`),
  );
  const ok = row!.stored === acknowledged.length && row!.audited === acknowledged.length;
  console.log(`writes: ${acknowledged.length} acknowledged, ${row!.stored} stored, ${row!.audited} with their audit event: ${ok ? "all there" : "MISSING"}`);
  return ok;
}
