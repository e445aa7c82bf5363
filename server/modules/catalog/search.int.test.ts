import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { termsOf } from "./search-sql";

it("splits a query into at most 8 distinct lower-case words", () => {
  expect(termsOf("  Lapsed, LAPSED loyalty-members!")).toEqual(["lapsed", "loyalty", "members"]);
  expect(termsOf("a b c d e f g h i j")).toHaveLength(8);
  expect(termsOf("— !")).toEqual([]);
});

describeEachDb("typo-tolerant search through the catalog's words", (getDb) => {
  let steward: SessionUser;
  let sourceId: string;
  let signalId: string;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    sourceId = (await makeSource(getDb(), steward, { name: "Storefront clickstream" })).id;
    signalId = (await makeSignal(getDb(), steward, sourceId, { name: "Basket additions" })).id;
  });

  const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

  it("collects the words of names, keys, tags and signal names, not of prose", async () => {
    const s = callerFor(getDb(), steward);
    await s.segments.create(segmentInput(group(cond(signalId)), { name: "Weekend treasure hunters", tags: ["flashsale"], description: "Quixotic prose" }));
    const words = rowsOf<{ word: string }>(await getDb().execute(sql`SELECT word FROM search_words`)).map((w) => w.word);
    expect(words).toEqual(expect.arrayContaining(["weekend", "treasure", "hunters", "flashsale", "basket", "additions", "storefront", "clickstream"]));
    expect(words).not.toContain("quixotic");
  });

  it("forgives typos and unfinished words in signals, sources and segments", async () => {
    const s = callerFor(getDb(), steward);
    expect(ids((await s.signals.list({ q: "baskt additons" })).items)).toContain(signalId);
    expect(ids((await s.sources.list({ q: "clikstream" })).items)).toContain(sourceId);
    expect((await s.segments.list({ q: "treasur huntrs" })).items.map((i) => i.name)).toContain("Weekend treasure hunters");
    expect((await s.search.global({ q: "weeknd" })).segments.map((i) => i.name)).toContain("Weekend treasure hunters");
  });

  it("the segment form's signal picker matches the start of a name, the key, the source and the category", async () => {
    const s = callerFor(getDb(), steward);
    const signal = await s.signals.byId({ id: signalId });
    const found = async (q: string) => ids(await s.signals.pick({ q }));
    for (const q of ["bask", signal.key, "storefront", "Purchase hist"]) expect(await found(q), q).toContain(signalId);
    expect(await found("zzz-nothing")).toEqual([]);
    const [first] = await s.signals.pick({ q: "basket addi" });
    expect(first).toMatchObject({ id: signalId, sourceName: "Storefront clickstream" });
  });

  it("needs every word of the query to match", async () => {
    const s = callerFor(getDb(), steward);
    expect((await s.segments.list({ q: "treasure zzxqvw" })).items).toEqual([]);
  });

  it("ranks exact words above corrected ones", async () => {
    const s = callerFor(getDb(), steward);
    await s.segments.create(segmentInput(group(cond(signalId)), { name: "Loyal shoppers" }));
    await s.segments.create(segmentInput(group(cond(signalId)), { name: "Loyalty club" }));
    const names = (await s.segments.list({ q: "loyalty" })).items.map((i) => i.name);
    expect(names.indexOf("Loyalty club")).toBeGreaterThanOrEqual(0);
    expect(names.indexOf("Loyalty club")).toBeLessThan(names.indexOf("Loyal shoppers"));
  });

  it("counts every match of a search, also on a page past the end", async () => {
    const s = callerFor(getDb(), steward);
    const first = await s.segments.list({ q: "loyal", pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(2);
    const beyond = await s.segments.list({ q: "loyal", pageSize: 1, page: 5 });
    expect(beyond).toMatchObject({ items: [], total: 2 });
    expect((await s.signals.list({ q: "basket", pageSize: 1, page: 3 })).total).toBe(1);
    expect((await s.segments.list({ q: "zzxqvw" })).total).toBe(0);
  });

  it("keeps the chosen sort of a searched list from page to page", async () => {
    const s = callerFor(getDb(), steward);
    // Sorted by name, a search shows the best matches first: the exact word, then the corrected one.
    const best = (await s.segments.list({ q: "loyal", sort: "name", pageSize: 10 })).items.map((i) => i.name);
    expect(best).toEqual(["Loyal shoppers", "Loyalty club"]);
    const byName: string[] = [];
    for (const page of [1, 2]) byName.push(...(await s.segments.list({ q: "loyal", sort: "updated", dir: "desc", pageSize: 1, page })).items.map((i) => i.name));
    // Most recently updated first: "Loyalty club" was created last.
    expect(byName).toEqual(["Loyalty club", "Loyal shoppers"]);
    const signalsBySource = await s.signals.list({ q: "basket", sort: "source", dir: "asc" });
    expect(signalsBySource.total).toBe(signalsBySource.items.length);
  });

  it("learns a renamed signal's words, and segments using it are found by them", async () => {
    const s = callerFor(getDb(), steward);
    const seg = await s.segments.create(segmentInput(group(cond(signalId)), { name: "Cart nudgers" }));
    const signal = await s.signals.byId({ id: signalId });
    await s.signals.update({
      id: signalId,
      sourceId,
      name: "Trolley additions",
      description: signal.description,
      categoryId: signal.categoryId,
      kind: signal.kind,
      fidelity: signal.fidelity,
      identifiability: signal.identifiability,
      valueType: signal.valueType,
      allowedValues: signal.allowedValues,
      retentionDays: signal.retentionDays,
      consents: signal.consents.map((c) => ({ purposeId: c.purposeId, lawfulBasis: c.lawfulBasis })),
    });
    expect(ids((await s.segments.list({ q: "trolly" })).items)).toContain(seg.id);
    expect(ids((await s.signals.list({ q: "trolly" })).items)).toContain(signalId);
  });

  it("writes a segment's extra search text the same way on save and on a signal's rename: tags, then signal names by name", async () => {
    const db = getDb();
    const s = callerFor(db, steward);
    const zebra = (await makeSignal(db, steward, sourceId, { name: "Zebra scans" })).id;
    const apple = (await makeSignal(db, steward, sourceId, { name: "Apple taps" })).id;
    const extraOf = async (id: string) => (await db.select({ t: segments.searchExtra }).from(segments).where(eq(segments.id, id)))[0]!.t;
    const tagged = await s.segments.create(segmentInput(group(cond(zebra), cond(apple)), { name: "Tagged", tags: ["spring", "vip"] }));
    const untagged = await s.segments.create(segmentInput(group(cond(zebra)), { name: "Untagged" }));
    expect(await extraOf(tagged.id)).toBe("spring vip Apple taps Zebra scans");
    expect(await extraOf(untagged.id)).toBe("Zebra scans");
    const signal = await s.signals.byId({ id: zebra });
    await s.signals.update({
      id: zebra,
      sourceId,
      name: "Aardvark scans",
      description: signal.description,
      categoryId: signal.categoryId,
      kind: signal.kind,
      fidelity: signal.fidelity,
      identifiability: signal.identifiability,
      valueType: signal.valueType,
      allowedValues: signal.allowedValues,
      retentionDays: signal.retentionDays,
      consents: signal.consents.map((c) => ({ purposeId: c.purposeId, lawfulBasis: c.lawfulBasis })),
    });
    expect(await extraOf(tagged.id)).toBe("spring vip Aardvark scans Apple taps");
    expect(await extraOf(untagged.id)).toBe("Aardvark scans");
  });
});
