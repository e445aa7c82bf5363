import fs from "node:fs";
import path from "node:path";
import { validate, compileErrors } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { TOKEN_SCOPES } from "@/domain/token-scopes";
import { AdmissionLimiter } from "@/server/http/admission";
import type { ApiOperation, ApiRoute } from "@/server/http/api-route";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { activeSegment, gateCast } from "@/server/testing/activation";
import { DOCUMENT_PATH, eachObject, openApiDocument, operationId } from "./document";
import { openApiGet } from "./http";
import { API_ROUTES } from "./registry";

/**
 * The reference against the code: the document is valid OpenAPI 3.1, every handler exported under
 * app/api/v1 is in it, and every status it documents for an operation is produced by that
 * operation's handler with a JSON body that the documented schema accepts.
 */
const { document, json } = openApiDocument();
type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const doc = document as unknown as Doc;

const V1_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = V1_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

/** `app/api/v1/segments/[key]/decision/route.ts` → `/api/v1/segments/{key}/decision`. */
const openApiPathOf = (file: string) =>
  "/api/v1/" +
  path
    .relative(V1_DIR, path.dirname(file))
    .split(path.sep)
    .map((s) => s.replace(/^\[(?:\.\.\.)?([^\]]+)\]$/, "{$1}"))
    .join("/");

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(json), "openapi");
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(JSON.parse(json)));
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    // The validator does check: the same document with a parameter that says not where it goes is refused.
    const broken = JSON.parse(json);
    delete broken.paths["/api/v1/lineage"].get.parameters[0].in;
    expect((await validate(broken)).valid).toBe(false);
  });

  it("documents every handler exported under app/api/v1, at the path of its file", async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const missing: string[] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const at = openApiPathOf(file);
      for (const method of METHODS.filter((m) => typeof mod[m] === "function")) {
        const handler = mod[method] as Partial<ApiRoute>;
        if (!doc.paths[at]?.[method.toLowerCase()]) missing.push(`${method} ${at} (${path.relative(V1_DIR, file)})`);
        // A declared route must be served where it says it is.
        if (handler.operation) expect(`${handler.operation.method} ${handler.operation.path}`).toBe(`${method} ${at}`);
        if (at !== DOCUMENT_PATH) expect(API_ROUTES, `${method} ${at} is not in server/openapi/registry.ts API_ROUTES`).toContain(handler);
      }
    }
    expect(missing, "route handlers missing from the OpenAPI document: add them to server/openapi/registry.ts").toEqual([]);
  });

  it("gives each operation a unique id, a scope and the bearer scheme", () => {
    const ids = API_ROUTES.map((r) => operationId(r.operation));
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation: op } of API_ROUTES) {
      const documented = doc.paths[op.path]![op.method.toLowerCase()] as unknown as { security: unknown };
      expect(documented.security).toEqual([{ bearerToken: op.scope ? [op.scope] : [] }]);
    }
  });

  it("bounds every integer below by what it can be, so the reference's examples are numbers a reader could see", () => {
    // Zod writes an unbounded .int() as ±2^53−1, and the viewer shows the minimum as the example.
    const unbounded: string[] = [];
    eachObject(document, (node, at) => {
      if (node.type === "integer" && (node.minimum === undefined || node.minimum === Number.MIN_SAFE_INTEGER)) unbounded.push(at);
    });
    expect(unbounded).toEqual([]);
  });

  it("documents the funnel's refusals with examples its schemas accept", () => {
    let examples = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const example = (response as { content?: Record<string, { example?: unknown }> }).content?.["application/json"]?.example;
          if (example === undefined) continue;
          examples++;
          const check = ajv.getSchema(`openapi#/paths/${pointer(path, method, "responses", status, "content", "application/json", "schema")}`)!;
          expect(check(example), `${method} ${path} ${status}: ${ajv.errorsText(check.errors)}`).toBe(true);
        }
      }
    }
    expect(examples).toBeGreaterThanOrEqual(API_ROUTES.length * 3);
  });

  it("gives every formatted string an example, and every example is one its own schema accepts", () => {
    const wrong: string[] = [];
    eachObject(document, (node, at) => {
      const { example, ...schema } = node;
      if (node.type === "string" && typeof node.format === "string" && example === undefined) wrong.push(`${at}: no example`);
      if (example !== undefined && node.type && !ajv.validate(schema, example)) wrong.push(`${at}: ${JSON.stringify(example)} ${ajv.errorsText()}`);
    });
    expect(wrong).toEqual([]);
  });
});

/** The answer checked against the schema documented for its operation and status. */
async function conforms(op: Pick<ApiOperation, "method" | "path">, res: Response): Promise<number> {
  const documented = doc.paths[op.path]?.[op.method.toLowerCase()]?.responses[String(res.status)];
  const body = await res.text();
  expect(documented, `${op.method} ${op.path} answered ${res.status}, which is not documented: ${body}`).toBeDefined();
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const check = ajv.getSchema(`openapi#/paths/${pointer(op.path, op.method.toLowerCase(), "responses", String(res.status), "content", "application/json", "schema")}`)!;
  expect(check(JSON.parse(body)), `${op.method} ${op.path} ${res.status}: ${body}\n${ajv.errorsText(check.errors)}`).toBe(true);
  // A refusal with one message whatever the operation is documented with that very answer.
  const example = (documented as { content: Record<string, { example?: unknown }> }).content["application/json"]?.example;
  if (example !== undefined && [403, 415, 500].includes(res.status)) expect(JSON.parse(body), `${op.method} ${op.path} ${res.status}: the documented example`).toEqual(example);
  return res.status;
}

const documentedStatuses = (op: ApiOperation) => Object.keys(doc.paths[op.path]![op.method.toLowerCase()]!.responses).map(Number);

describeEachDb("every documented answer of every /api/v1 operation", (getDb) => {
  /** A token per scope, and one holding every scope but the one an operation needs. */
  const tokens: Record<string, string> = {};
  /** The statuses each operation was seen to answer, each checked against its documented schema. */
  const seen = new Map<ApiRoute, Set<number>>(API_ROUTES.map((r) => [r, new Set<number>()]));
  const record = (route: ApiRoute, status: number) => seen.get(route)!.add(status);

  const request = (op: ApiOperation, opts: { token?: string; query?: string; body?: string; contentType?: string; params?: Record<string, string> } = {}) => {
    const p = op.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(opts.params?.[k] ?? "x"));
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = opts.contentType ?? "application/json";
    return new Request(`http://steward.test${p}${opts.query ? `?${opts.query}` : ""}`, { method: op.method, headers, body: opts.body });
  };

  /**
   * The success and handler-specific answers, per operation: what a caller sends to get each. A
   * newly registered route fails "answers every status it documents" until it has its entry here.
   */
  const SPECIFIC: Record<string, Array<(db: Db) => Promise<Response>>> = {
    postApiV1Lineage: [
      (db) =>
        lineage("postApiV1Lineage").run(
          request(lineage("postApiV1Lineage").operation, { token: tokens["lineage:write"], body: JSON.stringify(lineage("postApiV1Lineage").operation.example!.body) }),
          { db },
        ),
    ],
    getApiV1Lineage: [
      (db) =>
        lineage("getApiV1Lineage").run(request(lineage("getApiV1Lineage").operation, { token: tokens["lineage:read"], query: "node=dataset:warehouse/raw_orders&direction=both" }), { db }),
      (db) => lineage("getApiV1Lineage").run(request(lineage("getApiV1Lineage").operation, { token: tokens["lineage:read"], query: "node=dataset:nowhere/nothing" }), { db }),
    ],
  };
  // Any valid token will do for an operation without a scope.
  const tokenFor = (op: ApiOperation) => tokens[op.scope ?? TOKEN_SCOPES[0]];
  const gate = (id: string) => lineage(id);
  SPECIFIC.getApiV1SegmentsKeyDecision = [
    (db) =>
      gate("getApiV1SegmentsKeyDecision").run(
        request(gate("getApiV1SegmentsKeyDecision").operation, { token: tokens["activation:read"], query: "channel=email" }),
        { db },
        { key: activeKey },
      ),
    (db) =>
      gate("getApiV1SegmentsKeyDecision").run(request(gate("getApiV1SegmentsKeyDecision").operation, { token: tokens["activation:read"], query: "channel=fax" }), { db }, { key: activeKey }),
    (db) =>
      gate("getApiV1SegmentsKeyDecision").run(
        request(gate("getApiV1SegmentsKeyDecision").operation, { token: tokens["activation:read"], query: "channel=email" }),
        { db },
        { key: "no_such_segment" },
      ),
  ];
  SPECIFIC.postApiV1Decisions = [
    (db) =>
      gate("postApiV1Decisions").run(
        request(gate("postApiV1Decisions").operation, {
          token: tokens["activation:read"],
          body: JSON.stringify({
            decisions: [
              { segment: activeKey, channel: "email" },
              { segment: "no_such_segment", channel: "sms" },
            ],
          }),
        }),
        { db },
      ),
  ];
  const metrics = (id: string, rows: () => unknown[]) => [
    (db: Db) => gate(id).run(request(gate(id).operation, { token: tokens["metrics:write"], body: JSON.stringify({ rows: rows() }) }), { db }),
  ];
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  SPECIFIC.postApiV1MetricsOutcomes = metrics("postApiV1MetricsOutcomes", () => [
    { date: yesterday(), segment: activeKey, channel: "email", group: "treatment", reached: 500, conversions: 20, revenue: 100, currency: "EUR" },
  ]);
  SPECIFIC.postApiV1MetricsConsent = metrics("postApiV1MetricsConsent", () => [{ date: yesterday(), purpose: "marketing.email", consented: 900, optIns: 10, withdrawals: 2 }]);
  SPECIFIC.getApiV1Ping = [(db) => gate("getApiV1Ping").run(request(gate("getApiV1Ping").operation, { token: tokens["lineage:read"] }), { db })];
  let activeKey = "";

  function lineage(id: string) {
    return API_ROUTES.find((r) => operationId(r.operation) === id)!;
  }

  beforeAll(async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const caller = callerFor(db, admin);
    for (const scope of TOKEN_SCOPES) {
      tokens[scope] = (await caller.tokens.create({ name: `only ${scope}`, scopes: [scope] })).token;
      const others = TOKEN_SCOPES.filter((s) => s !== scope);
      if (others.length) tokens[`not ${scope}`] = (await caller.tokens.create({ name: `all but ${scope}`, scopes: others })).token;
    }
    activeKey = (await activeSegment(db, await gateCast(db))).seg.key;
    await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES ('dataset:warehouse/raw_orders', 'job:airflow/build_orders', 'test')`);
  });

  it("serves this document as documented", async () => {
    expect(await conforms({ method: "GET", path: DOCUMENT_PATH }, openApiGet())).toBe(200);
  });

  for (const route of API_ROUTES) {
    const op = route.operation;
    const id = operationId(op);
    it(`${op.method} ${op.path}: answers every status it documents, each as documented`, async () => {
      const db = getDb();
      // The funnel's refusals, the same for every route.
      record(route, await conforms(op, await route.run(request(op), { db })));
      expect(seen.get(route)).toContain(401);
      if (op.scope) {
        record(route, await conforms(op, await route.run(request(op, { token: tokens[`not ${op.scope}`] }), { db })));
        expect(seen.get(route)).toContain(403);
      }
      const busy = new AdmissionLimiter({ maxConcurrent: 0, maxQueued: 0, queueTimeoutMs: 0 });
      record(route, await conforms(op, await route.run(request(op, { token: tokenFor(op) }), { db, admission: busy })));
      // Any unexpected fault: a database that fails every call.
      const broken = new Proxy(
        {},
        {
          get: () => () => {
            throw new Error("the test's broken database");
          },
        },
      ) as unknown as Db;
      record(route, await conforms(op, await route.run(request(op, { token: tokenFor(op) }), { db: broken })));
      if (op.query && !op.query.safeParse({}).success) record(route, await conforms(op, await route.run(request(op, { token: tokenFor(op) }), { db })));
      if (op.body) {
        const token = tokenFor(op);
        record(route, await conforms(op, await route.run(request(op, { token, body: "[]" }), { db })));
        record(route, await conforms(op, await route.run(request(op, { token, body: "{}", contentType: "text/plain" }), { db })));
        record(route, await conforms(op, await route.run(request(op, { token, body: JSON.stringify({ pad: "x".repeat(100) }) }), { db, maxBodyBytes: 10 })));
      }
      // The route's own answers.
      const cases = SPECIFIC[id];
      expect(cases, `add ${id}'s success and own refusals to SPECIFIC in this file`).toBeDefined();
      for (const send of cases!) record(route, await conforms(op, await send(db)));
      expect([...seen.get(route)!].sort()).toEqual(documentedStatuses(op).sort());
    });
  }
});
