import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { lineageGet, lineagePost } from "@/server/modules/lineage/http";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput } from "@/server/testing/catalog";
import { createInnerContext, type SessionUser } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/trpc/http";

/**
 * Each input a fuzzer found that gave HTTP 500 (issue 17, item 6), sent as a client would send
 * it. Each must now be a 400 naming the field.
 */
const BASE = "http://steward.test/api/trpc";

async function trpc(db: Db, user: SessionUser, path: string, input: unknown, method: "GET" | "POST") {
  const encoded = JSON.stringify(superjson.serialize(input));
  const req =
    method === "GET"
      ? new Request(`${BASE}/${path}?input=${encodeURIComponent(encoded)}`)
      : new Request(`${BASE}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: encoded });
  const res = await handleTrpcRequest(req, async () => createInnerContext({ db, user }));
  const body = (await res.json()) as { error?: { json: { data: { fieldErrors: Record<string, string[]> | null } } } };
  return { status: res.status, fields: Object.keys(body.error?.json.data.fieldErrors ?? {}) };
}

describeEachDb("inputs that once gave HTTP 500", (getDb) => {
  let admin: SessionUser;
  let definition: ReturnType<typeof group>;
  let segmentId: string;
  let requestId: string;
  let token: string;

  beforeAll(async () => {
    admin = await makeUser(getDb(), ["admin", "steward", "privacy_officer", "marketer"]);
    const source = await makeSource(getDb(), admin);
    const signal = await makeSignal(getDb(), admin, source.id, { category: "user.behavior.email_engagement" });
    definition = group(cond(signal.id));
    const segment = await callerFor(getDb(), admin).segments.create(
      segmentInput(definition, {
        purposeStatement: "Invite engaged readers to the loyalty programme.",
        rationale: { assumptions: "Clickers like offers", limitations: "Email only", expectedOutcomes: "+2% sign-ups" },
        refreshCadence: "daily",
        lookbackDays: 90,
        minCohortSize: 100,
        declaredPurposeIds: [await purposeId(getDb(), "marketing.email")],
      }),
    );
    segmentId = segment.id;
    const review = await callerFor(getDb(), admin).reviews.submitSegment({ segmentId, justification: "Ready for the spring campaign." });
    requestId = review.id;
    token = (await callerFor(getDb(), admin).tokens.create({ name: "fuzz", scopes: ["lineage:write", "lineage:read"] })).token;
  });

  const cases: Array<[string, string, () => unknown, "GET" | "POST", string]> = [
    ["NUL in a segment's name", "segments.create", () => segmentInput(definition, { name: "nul\u0000byte" }), "POST", "name"],
    ["a lone low surrogate in a segment's name", "segments.create", () => segmentInput(definition, { name: "x\udfffy" }), "POST", "name"],
    ["NUL in the global search", "search.global", () => ({ q: "a\u0000" }), "GET", "q"],
    ["NUL in the segment list's search", "segments.list", () => ({ q: "a\u0000" }), "GET", "q"],
    ["NUL in the audit filter", "audit.list", () => ({ action: "a\u0000" }), "GET", "action"],
    ["NUL in the lineage datasets filter", "lineage.datasets", () => ({ q: "a\u0000" }), "GET", "q"],
    ["NUL in a lineage node", "lineage.graph", () => ({ node: "dataset:\u0000/x" }), "GET", "node"],
    ["a lone high surrogate in a review comment", "reviews.comment", () => ({ requestId, body: "\ud800" }), "POST", "body"],
    ["a version number beyond int4", "segments.diff", () => ({ id: segmentId, from: 1, to: 99999999999 }), "GET", "to"],
    ["the year 0 in the audit filter", "audit.list", () => ({ from: "0000-01-01" }), "GET", "from"],
    ["the earliest JavaScript date in the audit filter", "audit.list", () => ({ from: "-271821-04-20" }), "GET", "from"],
    ["the year 0 in an export's filter", "audit.exports.create", () => ({ format: "csv", filters: { to: "0000-01-01" } }), "POST", "filters"],
  ];

  it.each(cases)("%s (%s) is a 400 naming the field", async (_what, path, input, method, field) => {
    const res = await trpc(getDb(), admin, path, input(), method);
    expect(res.status).toBe(400);
    expect(res.fields).toContain(field);
  });

  describe("the lineage API", () => {
    const event = (job: { namespace: string; name: string }) => ({
      eventType: "COMPLETE",
      eventTime: "2026-11-29T10:15:00Z",
      run: { runId: "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f" },
      job,
      inputs: [],
      outputs: [],
      producer: "https://example.com/airflow",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    });
    const post = (body: unknown) =>
      lineagePost.run(
        new Request("http://steward.test/api/v1/lineage", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { db: getDb() },
      );

    it("refuses NUL in a job namespace with a 400 naming it", async () => {
      const res = await post(event({ namespace: "a\u0000", name: "nightly" }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: "job.namespace" });
    });

    it("refuses a lone surrogate in a job name with a 400 naming it", async () => {
      const res = await post(event({ namespace: "airflow", name: "x\ud800" }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: "job.name" });
    });

    it("refuses an event time in the year 0", async () => {
      const res = await post({ ...event({ namespace: "airflow", name: "nightly" }), eventTime: "0000-01-01T00:00:00Z" });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: "eventTime" });
    });

    it("refuses NUL in the closure's node with a 400 naming it", async () => {
      const res = await lineageGet.run(new Request("http://steward.test/api/v1/lineage?node=dataset%3A%00%2Fx", { headers: { authorization: `Bearer ${token}` } }), { db: getDb() });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: "node" });
    });
  });
});
