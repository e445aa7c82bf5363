import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { recordAudit } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/identity";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { makeSignal, makeSource, submittableSegmentInput } from "@/server/testing/catalog";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { namesOf } from "./names";

/** The same database, counting the statements started with `select`. */
function counting(db: Db): { db: Db; selects: () => number } {
  let n = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== "select" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        n++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, selects: () => n };
}

describeEachDb("audit explorer names", (getDb) => {
  let steward: SessionUser, marketer: SessionUser, auditor: SessionUser;
  let sourceId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    marketer = await makeUser(db, ["marketer"], { name: "Mara Marketer" });
    auditor = await makeUser(db, ["auditor"]);
    sourceId = (await makeSource(db, steward)).id;
  });

  it("names each event's entity and actor as they are now, and keeps the raw values", async () => {
    const db = getDb();
    const sig = await makeSignal(db, steward, sourceId, { category: "user.behavior.email_engagement", name: "Email clicks" });
    const seg = await callerFor(db, marketer).segments.create({ ...(await submittableSegmentInput(db, sig.id)), name: "Spring loyalists" });
    const request = await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Needed for the spring campaign." });

    const { events } = await callerFor(db, auditor).audit.list({ actor: marketer.email });
    const created = events.find((e) => e.action === "segment.created" && e.entityId === seg.id)!;
    expect(created).toMatchObject({ entityType: "segment", entityName: "Spring loyalists", entityFound: true, actorName: "Mara Marketer", actorLabel: marketer.email });
    const opened = events.find((e) => e.action === "review.opened" && e.entityId === request.id)!;
    expect(opened).toMatchObject({ entityType: "review_request", entityName: "Segment approval: Spring loyalists", entityFound: true });
    const signal = (await callerFor(db, auditor).audit.list({ entityType: "signal", entityId: sig.id })).events[0]!;
    expect(signal).toMatchObject({ action: "signal.created", entityName: "Email clicks", actorLabel: steward.email, actorName: steward.name });
  });

  it("falls back to the name in the event's snapshot, or to nothing, for an entity that is gone", async () => {
    const db = getDb();
    const gone = randomUUID();
    const actor = { id: randomUUID(), label: "someone.removed@example.test" };
    await inTransaction(db, async (tx) => {
      await recordAudit(tx, { actor, action: "webhook.deleted", entityType: "webhook_endpoint", entityId: gone, before: { url: "https://hooks.example.test/x" } });
      await recordAudit(tx, { actor, action: "segment.updated", entityType: "segment", entityId: gone });
      await recordAudit(tx, { actor: { id: null, label: "system" }, action: "lineage.ingested", entityType: "lineage_job", entityId: "job:airflow/nightly" });
    });
    const { events } = await callerFor(db, auditor).audit.list({ entityId: gone });
    expect(events.find((e) => e.action === "webhook.deleted")).toMatchObject({ entityName: "https://hooks.example.test/x", entityFound: false, actorName: null });
    expect(events.find((e) => e.action === "segment.updated")).toMatchObject({ entityName: null, entityFound: false, entityId: gone });
    const job = (await callerFor(db, auditor).audit.list({ entityId: "job:airflow/nightly" })).events[0]!;
    expect(job).toMatchObject({ entityName: null, entityFound: true, actorName: null });
  });

  it("reads names with one query per kind of entity, however many events the page holds", async () => {
    const db = getDb();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const events = ids.map((id, i) => ({ actorId: i % 2 ? marketer.id : steward.id, entityType: i % 3 ? "segment" : "signal", entityId: id, before: null, after: null }));
    const c = counting(db);
    const names = await namesOf(c.db, events);
    expect(names).toHaveLength(40);
    expect(c.selects()).toBe(3); // segments, signals, users
    expect(names[1]).toMatchObject({ actorName: "Mara Marketer", entityFound: false });
  });
});
