// What one request of each kind costs in CPU (`npm run bench:load -- --cost 100`): each kind of
// the mix alone, one request at a time, with the server's CPU (its process group) and its
// PostgreSQL backends' CPU read from /proc/<pid>/task/*/schedstat before and after (Linux only). The weighted sum is what an average request of the mix costs.
import { sql } from "drizzle-orm";
import type { Db } from "../../server/db/client";
import { rowsOf } from "../../server/db/rows";
import { cpuSince, cpuSnapshot, groupOf } from "../support/cpu";
import { oneOfEach, type Ids, type Op } from "./mix";

export async function measureCosts(
  db: Db,
  dbName: string,
  serverPid: number,
  ids: Ids,
  perKind: number,
  send: (op: Op) => Promise<{ status: number; body: string }>,
  nextNo: () => number,
): Promise<void> {
  // Statements per request, when the server has pg_stat_statements loaded (top-level ones only).
  const statements = async (): Promise<number | null> => {
    try {
      const [row] = rowsOf<{ n: string }>(
        await db.execute(sql`SELECT sum(calls) AS n FROM pg_stat_statements(false) s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ${dbName} AND s.toplevel`),
      );
      return Number(row?.n ?? 0);
    } catch {
      return null;
    }
  };
  const backends = async () =>
    rowsOf<{ pid: number }>(await db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = ${dbName} AND pid <> pg_backend_pid()`)).map((r) => Number(r.pid));
  let r = 1;
  const rand = () => (r = (r * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  // BENCH_COST_ONLY=<name>[,<name>…]: only these kinds (e.g. to profile one with --profile).
  const only = process.env.BENCH_COST_ONLY?.split(",");
  const kinds = oneOfEach(ids, rand, 0).filter((k) => !only || only.includes(k.op.name));
  console.log(`\nCPU per request, each kind alone, ${perKind} requests one at a time (ms per request)`);
  console.log(`${"request".padEnd(28)} ${"weight".padStart(6)} ${"node".padStart(7)} ${"pg".padStart(7)} ${"wall".padStart(7)} ${"KB".padStart(7)} ${"stmts".padStart(6)}`);
  let wNode = 0;
  let wPg = 0;
  for (const { weight, op: first } of kinds) {
    const n0 = cpuSnapshot(groupOf(serverPid));
    const p0 = cpuSnapshot(await backends());
    const s0 = await statements();
    const t0 = performance.now();
    let bad = 0;
    let bytes = 0;
    for (let i = 0; i < perKind; i++) {
      const op = oneOfEach(ids, rand, nextNo()).find((k) => k.op.name === first.name)!.op;
      const res = await send(op);
      if (res.status !== 200) bad++;
      bytes += Buffer.byteLength(res.body);
    }
    const wall = (performance.now() - t0) / perKind;
    const s1 = await statements();
    // Less the two statements of this measurement itself (the backends' pids, the count).
    const stmts = s0 === null || s1 === null ? "" : ((s1 - s0 - 2) / perKind).toFixed(1);
    const node = cpuSince(n0, groupOf(serverPid)) / perKind;
    const pgMs = cpuSince(p0, await backends()) / perKind;
    wNode += (weight / 100) * node;
    wPg += (weight / 100) * pgMs;
    console.log(
      `${first.name.padEnd(28)} ${`${weight}%`.padStart(6)} ${node.toFixed(1).padStart(7)} ${pgMs.toFixed(1).padStart(7)} ${wall.toFixed(1).padStart(7)} ${(bytes / perKind / 1024).toFixed(1).padStart(7)} ${stmts.padStart(6)}${bad ? `  (${bad} not 200)` : ""}`,
    );
  }
  console.log(`${"weighted mean".padEnd(28)} ${"".padStart(6)} ${wNode.toFixed(1).padStart(7)} ${wPg.toFixed(1).padStart(7)}`);
}
