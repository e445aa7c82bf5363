// Timings of the closure three ways: the bare recursive CTE in psql (the floor), the service
// function in-process, and the tRPC call over HTTP (what the page waits for).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, p50: at(50), p95: at(95), max: s[s.length - 1]! };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The service's closure query (server/modules/lineage/queries.ts), word for word. */
export function closureSql(start: string, direction: "upstream" | "downstream", depth: number, cap: number): string {
  const step =
    direction === "upstream"
      ? `SELECT e.from_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.to_node = w.node WHERE w.depth < ${depth}`
      : `SELECT e.to_node, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.from_node = w.node WHERE w.depth < ${depth}`;
  return `WITH RECURSIVE walk(node, depth) AS (SELECT ${quote(start)}::text, 0 UNION ${step})
SELECT node, min(depth)::int AS depth FROM walk GROUP BY node ORDER BY min(depth), node LIMIT ${cap + 1};`;
}

/**
 * Runs each iteration's statements in one psql session with \timing (server time plus the rows'
 * trip to psql, as the API pays it) and returns per-iteration totals. Output rows are discarded.
 */
export function psqlTimes(dbUrl: string, statements: string[], iterations: number, warmup: number): number[] {
  const file = path.join(os.tmpdir(), `steward-bench-lineage-${process.pid}.sql`);
  const one = statements.join("\n");
  fs.writeFileSync(file, `\\o /dev/null\n${Array.from({ length: warmup }, () => one).join("\n")}\n\\timing on\n${Array.from({ length: iterations }, () => one).join("\n")}\n`);
  try {
    const r = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dbUrl, "-f", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error?.message}`);
    const each = [...r.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
    if (each.length !== iterations * statements.length) throw new Error(`psql: expected ${iterations * statements.length} timings, got ${each.length}`);
    return Array.from({ length: iterations }, (_, i) => each.slice(i * statements.length, (i + 1) * statements.length).reduce((a, b) => a + b, 0));
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export async function timeEach(iterations: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

// One kept-alive connection, as psql keeps its session: the API is timed from request to last
// byte through Node's plain HTTP client (fetch() adds ~0.5–1 ms of its own per call on this kind
// of machine, which psql's libpq does not pay; the bench prints it separately).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET with Node's plain HTTP client; a compressed body is decompressed, as any client would. */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const body = encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, body: body.toString("utf8") });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

export function closeHttp() {
  agent.destroy();
}

/** GET /api/trpc/lineage.graph as the browser sends it; returns the node count to check the answer. */
export async function apiGraph(baseUrl: string, cookie: string, input: unknown): Promise<number> {
  const { status, body } = await httpGet(`${baseUrl}/api/trpc/lineage.graph?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    cookie,
    "accept-encoding": "gzip, deflate, br",
  });
  if (status !== 200) throw new Error(`lineage.graph: HTTP ${status} ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { result: { data: { json: { nodes: unknown[] } } } }).result.data.json.nodes.length;
}

/**
 * GET /api/v1/lineage as a pipeline or tool asks for a closure; returns the node count to check the
 * answer. `compressed` false asks as curl does by default (no compression; psql's rows are not
 * compressed either), true as a browser does (gzip, which Next.js then spends time on). `client`
 * "fetch" sends the same request through Node's fetch() instead of its plain HTTP client.
 */
export async function apiClosure(
  baseUrl: string,
  token: string,
  input: { node: string; direction: string; depth: number; cap: number },
  compressed: boolean,
  client: "http" | "fetch" = "http",
): Promise<number> {
  const query = new URLSearchParams({ node: input.node, direction: input.direction, depth: String(input.depth), cap: String(input.cap) });
  const url = `${baseUrl}/api/v1/lineage?${query}`;
  const headers = { authorization: `Bearer ${token}`, "accept-encoding": compressed ? "gzip, deflate, br" : "identity" };
  const { status, body } = client === "http" ? await httpGet(url, headers) : await fetch(url, { headers }).then(async (r) => ({ status: r.status, body: await r.text() }));
  if (status !== 200) throw new Error(`GET /api/v1/lineage: HTTP ${status} ${body.slice(0, 300)}`);
  const parsed = JSON.parse(body) as { upstream?: unknown[]; downstream?: unknown[] };
  return (parsed.upstream?.length ?? 0) + (parsed.downstream?.length ?? 0);
}
