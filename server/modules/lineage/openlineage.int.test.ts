import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditEvents, lineageEdges } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import type { Db } from "@/server/db/client";
import { lineagePost } from "./http";

const event = (over: Record<string, unknown> = {}) => ({
  eventType: "COMPLETE",
  eventTime: "2026-11-29T10:15:00.000Z",
  run: { runId: randomUUID() },
  job: { namespace: "airflow", name: "nightly_rfm_scores" },
  inputs: [
    { namespace: "warehouse", name: "orders" },
    { namespace: "warehouse", name: "web_events" },
  ],
  outputs: [{ namespace: "warehouse", name: "rfm_scores" }],
  producer: "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/airflow",
  schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  ...over,
});

const post = (db: Db, body: unknown, token?: string) =>
  lineagePost.run(
    new Request("http://steward.test/api/v1/lineage", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { db },
  );

describeEachDb("OpenLineage ingestion", (getDb) => {
  let admin: SessionUser;
  let token: string;
  beforeAll(async () => {
    admin = await makeUser(getDb(), ["admin"]);
    token = (await callerFor(getDb(), admin).tokens.create({ name: "airflow-prod", scopes: ["lineage:write"] })).token;
  });

  it("accepts a valid run event: inputs feed the job, the job feeds its outputs; audited", async () => {
    const db = getDb();
    const res = await post(db, event(), token);
    expect(res.status).toBe(201);
    const edges = await db.select().from(lineageEdges).where(eq(lineageEdges.origin, "openlineage"));
    const pairs = edges.map((e) => `${e.fromNode} > ${e.toNode}`).sort();
    expect(pairs).toEqual([
      "dataset:warehouse/orders > job:airflow/nightly_rfm_scores",
      "dataset:warehouse/web_events > job:airflow/nightly_rfm_scores",
      "job:airflow/nightly_rfm_scores > dataset:warehouse/rfm_scores",
    ]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "lineage.ingested"));
    expect(audit).toMatchObject({ actorLabel: "token:airflow-prod", entityId: "job:airflow/nightly_rfm_scores" });
    const tokens = await callerFor(db, admin).tokens.list();
    expect(tokens[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it.each([
    [{ eventTime: "yesterday" }, "eventTime: must be an ISO 8601 date-time"],
    [{ run: { runId: "not-a-uuid" } }, "run.runId: must be a UUID"],
    [{ job: { namespace: "airflow", name: "" } }, "job.name: must not be empty"],
    [{ inputs: [{ namespace: "warehouse" }] }, "inputs.0.name: is required"],
    [{ producer: "not a uri" }, "producer: must be a URI"],
    [{ eventType: "DONE" }, "eventType: must be one of"],
    // A field of the wrong type is named as wrong, not as missing.
    [{ run: "abc" }, "run: must be an object"],
    [{ run: { runId: 42 } }, "run.runId: must be a UUID"],
    [{ inputs: "warehouse.orders" }, "inputs: must be an array"],
    [{ job: { namespace: "airflow" } }, "job.name: is required"],
  ])("refuses %j with a 400 naming the field", async (over, message) => {
    const res = await post(getDb(), event(over), token);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(message);
  });

  it("accepts a runId of any UUID form the spec's schema accepts, whatever its version bits", async () => {
    const res = await post(getDb(), event({ run: { runId: "01234567-89ab-cdef-0123-456789abcdef" } }), token);
    expect(res.status).toBe(201);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await post(getDb(), "{nope", token);
    expect(res.status).toBe(400);
  });

  it("answers 401 without a token, with an unknown one, and after revocation", async () => {
    const db = getDb();
    expect((await post(db, event())).status).toBe(401);
    expect((await post(db, event(), "stw_made_up")).status).toBe(401);
    const { id, token: doomed } = await callerFor(db, admin).tokens.create({ name: "to-revoke", scopes: ["lineage:write"] });
    expect((await post(db, event(), doomed)).status).toBe(201);
    await callerFor(db, admin).tokens.revoke({ id });
    expect((await post(db, event(), doomed)).status).toBe(401);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id)));
    expect(events.map((e) => e.action).sort()).toEqual(["token.created", "token.revoked"]);
  });

  it("answers 403 to a token without the lineage:write scope", async () => {
    const db = getDb();
    const { token: reader } = await callerFor(db, admin).tokens.create({ name: "catalog-reader", scopes: ["lineage:read"] });
    const res = await post(db, event(), reader);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("This API token lacks the lineage:write scope.");
  });

  it("maps a dataset onto a registered signal, moving its edges onto the catalog node", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const src = await makeSource(db, steward);
    const sig = await makeSignal(db, steward, src.id);
    await post(
      db,
      event({ job: { namespace: "dbt", name: "orders_rollup" }, inputs: [{ namespace: "warehouse", name: "orders" }], outputs: [{ namespace: "warehouse", name: "orders_90d" }] }),
      token,
    );
    await callerFor(db, steward).lineage.mapDataset({ namespace: "warehouse", name: "orders_90d", node: `signal:${sig.id}` });
    const into = await db
      .select()
      .from(lineageEdges)
      .where(eq(lineageEdges.toNode, `signal:${sig.id}`));
    expect(into.map((e) => e.fromNode)).toContain("job:dbt/orders_rollup");
    expect(await db.select().from(lineageEdges).where(eq(lineageEdges.toNode, "dataset:warehouse/orders_90d"))).toHaveLength(0);
    // Later events for the mapped dataset land on the signal directly.
    await post(db, event({ job: { namespace: "dbt", name: "orders_rollup_v2" }, outputs: [{ namespace: "warehouse", name: "orders_90d" }] }), token);
    const later = await db
      .select()
      .from(lineageEdges)
      .where(eq(lineageEdges.toNode, `signal:${sig.id}`));
    expect(later.map((e) => e.fromNode)).toContain("job:dbt/orders_rollup_v2");
    const graph = await callerFor(db, steward).lineage.graph({ node: `signal:${sig.id}`, direction: "upstream", depth: 3, cap: 50 });
    expect(graph.nodes.find((n) => n.node === "job:dbt/orders_rollup")?.label).toBe("orders_rollup");
  });

  it("moves a dataset's edges when its mapping changes or ends, leaving other datasets mapped onto the same node where they are", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const src = await makeSource(db, steward);
    const first = await makeSignal(db, steward, src.id, { name: "Orders first" });
    const second = await makeSignal(db, steward, src.id, { name: "Orders second" });
    const s = callerFor(db, steward);
    await post(
      db,
      event({
        job: { namespace: "dbt", name: "daily" },
        inputs: [{ namespace: "lake", name: "raw" }],
        outputs: [
          { namespace: "lake", name: "orders" },
          { namespace: "lake", name: "orders_eu" },
        ],
      }),
      token,
    );
    await s.lineage.mapDataset({ namespace: "lake", name: "orders", node: `signal:${first.id}` });
    await s.lineage.mapDataset({ namespace: "lake", name: "orders_eu", node: `signal:${first.id}` });
    const fed = async (node: string) =>
      (
        await db
          .select()
          .from(lineageEdges)
          .where(and(eq(lineageEdges.toNode, node), eq(lineageEdges.origin, "openlineage")))
      ).map((e) => e.fromNode);
    expect(await fed(`signal:${first.id}`)).toEqual(["job:dbt/daily"]);

    // Mapped onto the other signal instead: orders_eu still feeds the first one from the same job.
    await s.lineage.mapDataset({ namespace: "lake", name: "orders", node: `signal:${second.id}` });
    expect(await fed(`signal:${second.id}`)).toEqual(["job:dbt/daily"]);
    expect(await fed(`signal:${first.id}`)).toEqual(["job:dbt/daily"]);
    await s.lineage.unmapDataset({ namespace: "lake", name: "orders_eu" });
    expect(await fed(`signal:${first.id}`)).toEqual([]);
    expect(await fed("dataset:lake/orders_eu")).toEqual(["job:dbt/daily"]);
    await s.lineage.unmapDataset({ namespace: "lake", name: "orders" });
    expect(await fed(`signal:${second.id}`)).toEqual([]);
    expect(await fed("dataset:lake/orders")).toEqual(["job:dbt/daily"]);
    await expect(s.lineage.unmapDataset({ namespace: "lake", name: "orders" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, "dataset:lake/orders")).orderBy(auditEvents.seq);
    expect(audit.map((e) => [e.action, e.before, e.after])).toEqual([
      ["lineage.dataset_mapped", null, { node: `signal:${first.id}` }],
      ["lineage.dataset_mapped", { node: `signal:${first.id}` }, { node: `signal:${second.id}` }],
      ["lineage.dataset_unmapped", { node: `signal:${second.id}` }, null],
    ]);
    // The datasets list: every reported dataset, with its mapping, filtered by name.
    await s.lineage.mapDataset({ namespace: "lake", name: "orders_eu", node: `signal:${second.id}` });
    const listed = await s.lineage.datasets({ q: "lake/orders" });
    expect(listed.datasets.map((d) => [d.node, d.mappedTo?.label ?? null])).toEqual([
      ["dataset:lake/orders", null],
      ["dataset:lake/orders_eu", "Orders second"],
    ]);
    expect(listed.total).toBe(2);
    expect((await s.lineage.datasets({ q: "100%_" })).datasets).toEqual([]);
  });
});
