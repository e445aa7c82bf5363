import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { verifyTrail } from "@/server/modules/audit/verify";
import { runEventSchema } from "@/server/modules/lineage/openlineage";
import { consentBatch, outcomeBatch } from "@/server/modules/metrics/schemas";
import { closureQuery } from "@/server/modules/lineage/schemas";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput } from "@/server/testing/catalog";
import { inputArb, leafMutants, mutatedInputArb, nastyString, shapeOf, valueArb, wire } from "@/server/testing/fuzz";
import type { SessionUser } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

/**
 * Sends generated requests, including every input class that once gave an HTTP 500, to every
 * tRPC procedure and every /api route handler, signed in as a user holding every role (and with
 * an API token holding both scopes), through the same route modules Next.js serves. Any 5xx
 * fails; afterwards the audit chain must still verify. Seeded (FUZZ_SEED), and bounded by a fixed
 * number of requests per procedure and route (FUZZ_RUNS).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

// The route modules read the process database and the session cookie; here they get the test's.
const current = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db }));
vi.mock("@/server/auth", () => ({ currentSession: async () => ({ user: current.user, sessionId: null }) }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
interface RouteModule {
  file: string;
  pattern: string;
  params: string[];
  methods: Array<[string, Handler]>;
}

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
/** next-auth's handler needs Next's request scope (cookies()); the raw-HTTP check covers it (e2e/bad-requests.spec.ts). */
const OUTSIDE_VITEST = new Set(["auth/[...nextauth]/route.ts"]);

function routeFiles(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

async function loadRoutes(): Promise<RouteModule[]> {
  const out: RouteModule[] = [];
  for (const file of routeFiles()) {
    const rel = path.relative(API_DIR, file).split(path.sep).join("/");
    if (OUTSIDE_VITEST.has(rel)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as Handler] as [string, Handler]);
    const dir = rel.replace(/\/?route\.ts$/, "");
    out.push({ file: rel, pattern: `/api/${dir}`, params: [...dir.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!), methods });
  }
  return out;
}

type Procedure = { _def: { type: "query" | "mutation"; inputs: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

interface Failure {
  target: string;
  status: number;
  request: string;
  body: string;
}

describeEachDb("fuzzing every procedure and /api route", (getDb: () => Db) => {
  let user: SessionUser;
  let token: string;
  let segmentKey = "";
  let sourceKey = "";
  const ids: string[] = [];
  const idsByField: Record<string, string> = {};
  const words = ["a", "segment", "email", "airflow", "orders", "csv", "ndjson", "approve", "open", "2026-11-29", "marketing.email"];
  let failures: Failure[] = [];
  let sent = 0;
  /** Failures per target, then the first few in full. */
  const report = () => {
    const counts: Record<string, number> = {};
    for (const f of failures) counts[`${f.target} → ${f.status}`] = (counts[`${f.target} → ${f.status}`] ?? 0) + 1;
    return `seed ${SEED}: ${JSON.stringify(counts, null, 2)}\n${JSON.stringify(failures.slice(0, 8), null, 2)}`;
  };
  let routes: RouteModule[] = [];
  const started = Date.now();

  beforeAll(async () => {
    const db = getDb();
    user = await makeUser(db, ["admin", "steward", "privacy_officer", "marketer", "auditor"]);
    current.db = db;
    current.user = user;
    const caller = callerFor(db, user);
    const source = await makeSource(db, user);
    const signal = await makeSignal(db, user, source.id, { category: "user.behavior.email_engagement" });
    const purpose = await purposeId(db, "marketing.email");
    const segment = await caller.segments.create(
      segmentInput(group(cond(signal.id)), {
        purposeStatement: "Invite engaged readers to the loyalty programme.",
        rationale: { assumptions: "Clickers like offers", limitations: "Email only", expectedOutcomes: "+2% sign-ups" },
        refreshCadence: "daily",
        lookbackDays: 90,
        minCohortSize: 100,
        declaredPurposeIds: [purpose],
      }),
    );
    const review = await caller.reviews.submitSegment({ segmentId: segment.id, justification: "Ready for the spring campaign." });
    const exported = await caller.audit.exports.create({ format: "ndjson", filters: {} });
    segmentKey = (await caller.segments.byId({ id: segment.id })).key;
    sourceKey = (await caller.sources.byId({ id: source.id })).key;
    const created = await caller.tokens.create({ name: "fuzz", scopes: ["lineage:write", "lineage:read", "activation:read", "metrics:write"] });
    token = created.token;
    ids.push(source.id, signal.id, segment.id, purpose, review.id, exported.id, user.id, "00000000-0000-0000-0000-000000000000");
    Object.assign(idsByField, {
      sourceId: source.id,
      signalId: signal.id,
      segmentId: segment.id,
      subjectId: segment.id,
      purposeId: purpose,
      requestId: review.id,
      userId: user.id,
      ownerId: user.id,
    });
    words.push(`segment:${segment.id}`, `signal:${signal.id}`, `source:${source.id}`, `purpose:${purpose}`, "dataset:warehouse/orders", "job:airflow/nightly");
    routes = await loadRoutes();
  });

  afterAll(() => {
    console.info(`[fuzz] seed ${SEED}, ${RUNS} runs per target, ${sent} requests, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  const keysOf = () => [
    ...new Set([
      ...procedures.flatMap(([, p]) => (shapeOf(p._def.inputs[0]) ?? []).map((f) => f.key)),
      ...[
        "namespace",
        "name",
        "filters",
        "format",
        "from",
        "to",
        "checkpoint",
        "consents",
        "purposeId",
        "lawfulBasis",
        "type",
        "children",
        "combinator",
        "signalId",
        "operator",
        "value",
        "job",
        "run",
        "runId",
        "inputs",
        "outputs",
        "eventTime",
        "producer",
        "schemaURL",
        "eventType",
      ],
    ]),
  ];

  async function send(target: string, handler: Handler, req: Request, params: Record<string, string> = {}, describe = "") {
    let res: Response;
    sent++;
    try {
      res = await handler(req, { params: Promise.resolve(params) });
    } catch (err) {
      failures.push({ target, status: 0, request: describe, body: `threw ${String(err)}` });
      return;
    }
    // The whole body is read, as a client would: a stream that fails part-way is a failure too.
    let body: string;
    try {
      body = await res.text();
    } catch (err) {
      failures.push({ target, status: res.status, request: describe, body: `body failed: ${String(err)}` });
      return;
    }
    if (res.status >= 500 && !readinessAnswer(target, res.status, body)) failures.push({ target, status: res.status, request: describe, body: body.slice(0, 300) });
  }

  /** "Not ready" is the readiness route's documented answer (a busy database, a drain), not a fault. */
  function readinessAnswer(target: string, status: number, body: string) {
    if (target !== "GET /api/ready" || status !== 503) return false;
    try {
      return (JSON.parse(body) as { status?: unknown }).status === "not ready";
    } catch {
      return false;
    }
  }

  it("sends generated inputs to every tRPC procedure through the /api/trpc route", async () => {
    failures = [];
    const trpcRoute = routes.find((r) => r.file === "trpc/[trpc]/route.ts")!;
    expect(trpcRoute, "the tRPC route module").toBeDefined();
    const GET = trpcRoute.methods.find(([m]) => m === "GET")![1];
    const POST = trpcRoute.methods.find(([m]) => m === "POST")![1];
    let i = 0;
    for (const [name, p] of procedures) {
      // "id" names the procedure's own kind of thing: segments.diff takes a segment's.
      const own = { sources: idsByField.sourceId, signals: idsByField.signalId, segments: idsByField.segmentId, users: user.id }[name.split(".")[0]!] ?? ids[0]!;
      const pool = { ids, words, keys: keysOf(), idFor: (field: string) => (field === "id" ? own : (idsByField[field] ?? ids[0]!)) };
      const schema = p._def.inputs[0];
      const inputs = [
        ...leafMutants(schema, pool),
        ...fc.sample(mutatedInputArb(schema, pool), { seed: SEED + i++, numRuns: RUNS }),
        ...fc.sample(inputArb(schema, pool), { seed: SEED + i++, numRuns: RUNS }),
      ];
      for (const input of inputs) {
        const encoded = wire(input);
        const req =
          p._def.type === "query"
            ? new Request(`http://steward.test/api/trpc/${name}?input=${encodeURIComponent(encoded)}`)
            : new Request(`http://steward.test/api/trpc/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: encoded });
        await send(name, p._def.type === "query" ? GET : POST, req, { trpc: name }, encoded.slice(0, 300));
      }
      // Bodies that are not superjson at all.
      for (const raw of ["{", "null", '{"json":{"a":1},"meta":{"values":{"a":["Date"]}}}', '{"json":"\\u0000"}']) {
        await send(name, POST, new Request(`http://steward.test/api/trpc/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: raw }), { trpc: name }, raw);
      }
    }
    expect(failures, report()).toEqual([]);
  }, 150_000); // 25 s measured on 2 cores at a load average of 25; the margin is for such a machine

  it("sends generated paths, queries and bodies to every other /api route handler", async () => {
    failures = [];
    const value = valueArb({ ids, words, keys: keysOf() });
    const param = fc.oneof(fc.constantFrom(...ids), nastyString);
    const query = fc.dictionary(
      fc.oneof(fc.constantFrom("node", "direction", "depth", "cap", "format", "id"), nastyString),
      fc.oneof(nastyString, fc.constantFrom(...words), fc.integer().map(String)),
      { maxKeys: 4 },
    );
    const body = fc.oneof(
      value.map((v) => JSON.stringify(v)),
      nastyString,
    );
    let i = 0;
    for (const route of routes.filter((r) => r.file !== "trpc/[trpc]/route.ts")) {
      for (const [method, handler] of route.methods) {
        const cases = fc.sample(fc.tuple(fc.array(param, { minLength: route.params.length, maxLength: route.params.length }), query, body), { seed: SEED + 1000 + i++, numRuns: RUNS * 4 });
        for (const [values, q, b] of cases) {
          const params = Object.fromEntries(route.params.map((p, k) => [p, values[k]!]));
          const pathname = route.params.reduce((acc, p) => acc.replace(`[${p}]`, encodeURIComponent(params[p]!.toWellFormed())), route.pattern);
          const url = new URL(`http://steward.test${pathname}`);
          for (const [k, v] of Object.entries(q)) url.searchParams.append(k.toWellFormed(), v.toWellFormed());
          const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
          const req = method === "GET" ? new Request(url, { headers }) : new Request(url, { method, headers, body: b });
          await send(`${method} ${route.pattern}`, handler, req, params, `${url.pathname}${url.search} ${method === "GET" ? "" : b.slice(0, 200)}`);
        }
      }
    }
    // The lineage API's own shapes, one field at a time made nasty, so requests get past "not an event".
    const pool = { ids, words, idFor: () => "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" };
    const lineage = routes.find((r) => r.file === "v1/lineage/route.ts")!;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const lineagePost = lineage.methods.find(([m]) => m === "POST")![1];
    for (const event of leafMutants(runEventSchema, pool)) {
      const body = JSON.stringify(event);
      await send("POST /api/v1/lineage", lineagePost, new Request("http://steward.test/api/v1/lineage", { method: "POST", headers, body }), {}, body.slice(0, 300));
    }
    const lineageGet = lineage.methods.find(([m]) => m === "GET")![1];
    for (const q of leafMutants(closureQuery, { ...pool, words: ["dataset:warehouse/orders"] })) {
      const url = new URL("http://steward.test/api/v1/lineage");
      for (const [k, v] of Object.entries(q as Record<string, unknown>))
        url.searchParams.set(k, (v instanceof Date ? (Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()) : String(v)).toWellFormed());
      await send("GET /api/v1/lineage", lineageGet, new Request(url, { headers }), {}, url.search);
    }
    // The metrics ingest's rows, one field at a time made nasty (a NUL in a key, an int4 overflow, the year 0).
    for (const [file, schema] of [
      ["v1/metrics/outcomes/route.ts", outcomeBatch],
      ["v1/metrics/consent/route.ts", consentBatch],
    ] as const) {
      const route = routes.find((r) => r.file === file)!;
      const post = route.methods.find(([m]) => m === "POST")![1];
      const [base, ...mutants] = leafMutants(schema, pool) as Array<{ rows: Array<Record<string, unknown>> }>;
      // Keys that name real things, so that the mutants get past the key check to the database.
      const real = (b: { rows: Array<Record<string, unknown>> }) => ({
        rows: b.rows.map((r, i) => ({
          ...r,
          ...(r.segment === base!.rows[i]!.segment ? { segment: segmentKey } : {}),
          ...(r.purpose === base!.rows[i]!.purpose ? { purpose: "marketing.email" } : {}),
          ...(r.source === base!.rows[i]!.source ? { source: sourceKey } : {}),
          ...(r.date === base!.rows[i]!.date ? { date: "2026-11-30" } : {}),
        })),
      });
      for (const batch of [base!, ...mutants].flatMap((b) => [b, real(b)])) {
        const body = JSON.stringify(batch);
        await send(`POST ${route.pattern}`, post, new Request(`http://steward.test${route.pattern}`, { method: "POST", headers, body }), {}, body.slice(0, 300));
      }
    }
    expect(routes.length, "route modules found").toBeGreaterThanOrEqual(5);
    expect(failures, report()).toEqual([]);
  });

  it("leaves an audit chain that verifies", async () => {
    const result = await verifyTrail(getDb(), undefined, null);
    expect(result.broken).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(5);
  });
});
