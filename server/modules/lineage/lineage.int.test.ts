import { fromWire } from "@/components/lineage/graph-model";
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { lineageEdges, signalConsents } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, ref, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { textArray } from "@/server/db/arrays";
import { closure } from "./queries";
import { consentOrigins } from "./service";

describeEachDb("lineage", (getDb) => {
  let steward: SessionUser;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
  });

  it("keeps catalog edges in sync with the catalog, in the same transaction", async () => {
    const db = getDb();
    const src = await makeSource(db, steward);
    const sig = await makeSignal(db, steward, src.id, {
      consents: [
        ["marketing.email", "consent"],
        ["analytics", "consent"],
      ],
    });
    const s = callerFor(db, steward);
    const parent = await s.segments.create(segmentInput(group(cond(sig.id)), { channels: ["email", "push"] }));
    const child = await s.segments.create(segmentInput(group(ref(parent.id, "exclude"))));
    const edges = await db.select().from(lineageEdges);
    const has = (from: string, to: string) => edges.some((e) => e.fromNode === from && e.toNode === to);
    expect(has(`source:${src.id}`, `signal:${sig.id}`)).toBe(true);
    expect(has(`purpose:${await purposeId(db, "marketing.email")}`, `signal:${sig.id}`)).toBe(true);
    expect(has(`signal:${sig.id}`, `segment:${parent.id}`)).toBe(true);
    expect(has(`segment:${parent.id}`, `segment:${child.id}`)).toBe(true);
    expect(has(`segment:${parent.id}`, "channel:push")).toBe(true);

    // Removing a consent and changing channels remove their edges too.
    await db.delete(signalConsents).where(eq(signalConsents.signalId, sig.id));
    await s.segments.update({ ...segmentInput(group(cond(sig.id)), { channels: ["web"] }), id: parent.id, baseVersion: 1 });
    const after = await db.select().from(lineageEdges);
    expect(after.some((e) => e.toNode === `signal:${sig.id}` && e.fromNode.startsWith("purpose:"))).toBe(false);
    expect(after.filter((e) => e.fromNode === `segment:${parent.id}` && e.toNode.startsWith("channel:")).map((e) => e.toNode)).toEqual(["channel:web"]);
  });

  it("walks upstream to consent origins and downstream for impact, through two levels of segments", async () => {
    const db = getDb();
    const src = await makeSource(db, steward, { consentCapturePoints: ["checkout", "preference_centre"] });
    const sig = await makeSignal(db, steward, src.id, { name: "Basket value", consents: [["marketing.email", "legitimate_interest"]] });
    const s = callerFor(db, steward);
    const a = await s.segments.create(segmentInput(group(cond(sig.id)), { name: "Big baskets" }));
    const b = await s.segments.create(segmentInput(group(ref(a.id)), { name: "Big baskets EU", channels: ["sms"] }));
    const { origins, partial } = await s.lineage.consentOrigins({ segmentId: b.id });
    expect(partial).toBe(false);
    expect(origins).toEqual([
      expect.objectContaining({
        purposeKey: "marketing.email",
        lawfulBasis: "legitimate_interest",
        signal: { id: sig.id, name: "Basket value" },
        source: expect.objectContaining({ capturePoints: ["checkout", "preference_centre"] }),
      }),
    ]);
    const hit = await s.lineage.impact({ node: `signal:${sig.id}` });
    expect(hit.segments.map((x) => x.label).sort()).toEqual(["Big baskets", "Big baskets EU"]);
    expect(hit.segments.map((x) => x.status)).toEqual(["draft", "draft"]);
    expect(hit.channels.map((x) => x.label)).toContain("SMS");
    const graph = await s.lineage.graph({ node: `segment:${b.id}`, direction: "upstream", depth: 6, cap: 100 });
    expect(graph.nodes.map((n) => n.kind).sort()).toEqual(["purpose", "segment", "segment", "signal", "source"]);
    expect(graph.edges.relation).toBe("feeds");
    expect(fromWire(graph).edges).toContainEqual({ from: `signal:${sig.id}`, to: `segment:${a.id}` });
    expect(graph.partial).toBe(false);
    // A node nobody has named is not found, rather than drawn with a made-up label.
    await expect(s.lineage.graph({ node: "segment:00000000-0000-4000-8000-00000000abcd", direction: "both", depth: 2, cap: 100 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.lineage.graph({ node: "dataset:nowhere/nothing", direction: "both", depth: 2, cap: 100 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says when consent origins were cut short, rather than leaving an origin out silently", async () => {
    const db = getDb();
    const src = await makeSource(db, steward);
    const first = await makeSignal(db, steward, src.id, { name: "Aa opens", consents: [["marketing.email", "consent"]] });
    const second = await makeSignal(db, steward, src.id, { name: "Bb clicks", consents: [["analytics", "consent"]] });
    const seg = await callerFor(db, steward).segments.create(segmentInput(group(cond(first.id), cond(second.id))));
    const whole = await consentOrigins(db, seg.id);
    expect(whole.partial).toBe(false);
    expect(whole.origins.map((o) => o.signal.id).sort()).toEqual([first.id, second.id].sort());
    // Two nodes: the segment and one of its signals (the first by name at one hop).
    const cut = await consentOrigins(db, seg.id, 2);
    expect(cut.partial).toBe(true);
    expect(cut.origins).toHaveLength(1);
  });

  it("honours the depth limit and the node cap, marks the result partial, and survives cycles", async () => {
    const db = getDb();
    // A pipeline graph with a cycle: a → b → c → a, and a long chain from c.
    const edges: Array<[string, string]> = [
      ["dataset:t/a", "dataset:t/b"],
      ["dataset:t/b", "dataset:t/c"],
      ["dataset:t/c", "dataset:t/a"],
    ];
    for (let i = 0; i < 30; i++) edges.push([i === 0 ? "dataset:t/c" : `dataset:t/chain${i - 1}`, `dataset:t/chain${i}`]);
    for (const [f, t] of edges) await db.execute(sql`INSERT INTO lineage_edges (from_node, to_node, origin) VALUES (${f}, ${t}, 'test')`);
    const all = await closure(db, "dataset:t/a", "downstream", 50, 1000);
    expect(all.nodes).toHaveLength(33);
    expect(all.partial).toBe(false);
    const shallow = await closure(db, "dataset:t/a", "downstream", 3, 1000);
    expect(shallow.nodes.map((n) => n.node).sort()).toEqual(["dataset:t/a", "dataset:t/b", "dataset:t/c", "dataset:t/chain0"]);
    expect(shallow.partial).toBe(true);
    const capped = await closure(db, "dataset:t/a", "downstream", 50, 10);
    expect(capped.nodes).toHaveLength(10);
    expect(capped.partial).toBe(true);
    const up = await closure(db, "dataset:t/chain5", "upstream", 50, 1000);
    expect(up.nodes.map((n) => n.node)).toContain("dataset:t/b");
    // Nearest first, by depth and then name, as the bare CTE orders them.
    expect(shallow.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 3]);
  });

  it("reads the whole walk when repeat visits fill the rows it reads first", async () => {
    const db = getDb();
    // Ten datasets that all feed each other revisit one another at every depth; a chain of
    // twenty beside them gains one new node per hop.
    const ring = Array.from({ length: 10 }, (_, i) => `dataset:r/k${i}`);
    const pairs: Array<[string, string]> = ring.map((k) => ["dataset:r/s", k]);
    for (const a of ring) for (const b of ring) if (a !== b) pairs.push([a, b]);
    for (let i = 0; i < 20; i++) pairs.push([i === 0 ? "dataset:r/s" : `dataset:r/c${i - 1}`, `dataset:r/c${i}`]);
    await db.execute(
      sql`INSERT INTO lineage_edges (from_node, to_node, origin) SELECT f, t, 'test' FROM unnest(${textArray(pairs.map((p) => p[0]))}, ${textArray(pairs.map((p) => p[1]))}) AS x(f, t)`,
    );
    const all = await closure(db, "dataset:r/s", "downstream", 25, 31);
    expect(all.nodes).toHaveLength(31);
    expect(all.nodes.at(-1)).toEqual({ node: "dataset:r/c19", depth: 20 });
    expect(all.partial).toBe(false);
  });
});
