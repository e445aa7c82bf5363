import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { apiTokens } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import type { SessionUser } from "@/server/auth/identity";
import type { Db } from "@/server/db/client";
import { lineageGet } from "./http";

const get = (db: Db, query: string, token?: string) =>
  lineageGet.run(new Request(`http://steward.test/api/v1/lineage?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { db });

describeEachDb("GET /api/v1/lineage (closure for pipelines and tools)", (getDb) => {
  let admin: SessionUser;
  let reader: { id: string; token: string };
  beforeAll(async () => {
    const db = getDb();
    admin = await makeUser(db, ["admin"]);
    reader = await callerFor(db, admin).tokens.create({ name: "impact-checker", scopes: ["lineage:read"] });
    // raw → clean → (scores, features); features → model; model → raw closes a cycle.
    const edges = [
      ["dataset:w/raw", "job:w/clean"],
      ["job:w/clean", "dataset:w/clean"],
      ["dataset:w/clean", "dataset:w/scores"],
      ["dataset:w/clean", "dataset:w/features"],
      ["dataset:w/features", "job:w/model"],
      ["job:w/model", "dataset:w/raw"],
    ];
    for (const [f, t] of edges) await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES (${f}, ${t}, 'test')`);
  });

  it("is not partial when the depth limit cuts nothing off: a job that reads and writes one dataset", async () => {
    const db = getDb();
    await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES ('dataset:w/loop', 'job:w/dedupe', 'test'), ('job:w/dedupe', 'dataset:w/loop', 'test')`);
    const body = await (await get(db, "node=dataset:w/loop&direction=downstream&depth=1", reader.token)).json();
    expect(body.downstream).toEqual([
      { node: "dataset:w/loop", depth: 0 },
      { node: "job:w/dedupe", depth: 1 },
    ]);
    expect(body.partial).toBe(false);
  });

  it("answers for a dataset whose name has spaces, as pipelines may report it", async () => {
    const db = getDb();
    await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES ('dataset:sheets/Q3 budget', 'job:sheets/load budget', 'test')`);
    const res = await get(db, `node=${encodeURIComponent("dataset:sheets/Q3 budget")}&direction=downstream`, reader.token);
    expect(res.status).toBe(200);
    expect((await res.json()).downstream.map((n: { node: string }) => n.node)).toEqual(["dataset:sheets/Q3 budget", "job:sheets/load budget"]);
    expect((await get(db, `node=${encodeURIComponent("dataset: padded ")}`, reader.token)).status).toBe(400);
  });

  it("returns each direction's nodes with their distance, nearest first, and marks a cut walk partial", async () => {
    const db = getDb();
    const res = await get(db, "node=dataset:w/clean&direction=both&depth=2", reader.token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      node: "dataset:w/clean",
      direction: "both",
      depth: 2,
      cap: 1000,
      partial: true,
      upstream: [
        { node: "dataset:w/clean", depth: 0 },
        { node: "job:w/clean", depth: 1 },
        { node: "dataset:w/raw", depth: 2 },
      ],
      downstream: [
        { node: "dataset:w/clean", depth: 0 },
        { node: "dataset:w/features", depth: 1 },
        { node: "dataset:w/scores", depth: 1 },
        { node: "job:w/model", depth: 2 },
      ],
    });
    // Deep enough, the cycle ends the walk by itself and nothing is cut.
    const whole = await (await get(db, "node=dataset:w/clean&direction=downstream&depth=25", reader.token)).json();
    expect(whole.partial).toBe(false);
    expect(whole.upstream).toBeUndefined();
    expect(whole.downstream.map((n: { node: string }) => n.node)).toEqual(["dataset:w/clean", "dataset:w/features", "dataset:w/scores", "job:w/model", "dataset:w/raw", "job:w/clean"]);
    const capped = await (await get(db, "node=dataset:w/clean&direction=downstream&depth=25&cap=2", reader.token)).json();
    expect(capped).toMatchObject({ partial: true, downstream: [{ node: "dataset:w/clean" }, { node: "dataset:w/features" }] });
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, reader.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it("writes any node name as valid JSON", async () => {
    const db = getDb();
    const odd = 'dataset:w/"quoted"\\back–naïve😀\u0001';
    await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES ('dataset:w/odd_source', ${odd}, 'test')`);
    const res = await get(db, `node=${encodeURIComponent("dataset:w/odd_source")}&direction=downstream`, reader.token);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await res.json()).downstream).toEqual([
      { node: "dataset:w/odd_source", depth: 0 },
      { node: odd, depth: 1 },
    ]);
  });

  it.each([
    ["direction=both", "node: is required"],
    ["node=warehouse.orders", "node: Name a node as kind:id"],
    ["node=dataset:w/raw&direction=sideways", "direction: must be upstream, downstream or both"],
    ["node=dataset:w/raw&depth=99", "depth: must be a whole number from 1 to 25"],
    ["node=dataset:w/raw&depth=two", "depth: must be a whole number from 1 to 25"],
    ["node=dataset:w/raw&cap=0", "cap: must be a whole number from 1 to 10000"],
  ])("refuses %s with a 400 naming the field", async (query, message) => {
    const res = await get(getDb(), query, reader.token);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toContain(message);
    expect(body.field).toBe(message.split(":")[0]);
  });

  it("answers 404 for a node nothing has recorded", async () => {
    const res = await get(getDb(), "node=dataset:w/never_seen", reader.token);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe("node: no lineage is recorded for dataset:w/never_seen");
  });

  it("answers 401 without a token, with an unknown or revoked one, and 403 to a token without lineage:read", async () => {
    const db = getDb();
    expect((await get(db, "node=dataset:w/raw")).status).toBe(401);
    expect((await get(db, "node=dataset:w/raw", "stw_made_up")).status).toBe(401);
    const writer = await callerFor(db, admin).tokens.create({ name: "airflow", scopes: ["lineage:write"] });
    const refused = await get(db, "node=dataset:w/raw", writer.token);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe("This API token lacks the lineage:read scope.");
    const doomed = await callerFor(db, admin).tokens.create({ name: "short-lived", scopes: ["lineage:read"] });
    expect((await get(db, "node=dataset:w/raw", doomed.token)).status).toBe(200);
    await callerFor(db, admin).tokens.revoke({ id: doomed.id });
    expect((await get(db, "node=dataset:w/raw", doomed.token)).status).toBe(401);
  });
});
