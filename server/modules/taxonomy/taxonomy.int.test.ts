import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents } from "@/server/db/schema";
import { ensureReferenceData } from "@/server/db/reference-data";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser, errorOf } from "@/server/testing/fixtures";

describeEachDb("reference data", (getDb) => {
  it("seeds the eleven TCF purposes, the marketing purposes and 40+ categories with parents", async () => {
    const po = await makeUser(getDb(), ["privacy_officer"]);
    const purposes = await callerFor(getDb(), po).purposes.list();
    expect(purposes.filter((p) => p.tcfPurposeId !== null).map((p) => p.tcfPurposeId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const key of ["marketing.email", "marketing.sms", "marketing.push", "advertising.cross_context", "analytics"]) {
      expect(purposes.map((p) => p.key)).toContain(key);
    }
    expect(purposes.find((p) => p.key === "marketing.sms")!.allowedLawfulBases).toEqual(["consent"]);

    const categories = await callerFor(getDb(), po).categories.list();
    expect(categories.length).toBeGreaterThanOrEqual(40);
    const byKey = new Map(categories.map((c) => [c.key, c]));
    expect(byKey.get("user.contact.email")).toMatchObject({ parentKey: "user.contact", defaultSensitivity: "confidential" });
    for (const special of ["user.health", "user.biometrics", "user.children", "user.location.precise", "user.demographic.religious_belief"]) {
      expect(byKey.get(special)?.isSpecialCategory, special).toBe(true);
    }
    expect(categories.filter((c) => c.key.includes(".") && !c.parentKey)).toEqual([]);
  });

  it("re-seeding keeps privacy officers' edits and retirements", async () => {
    const po = await makeUser(getDb(), ["privacy_officer"]);
    const caller = callerFor(getDb(), po);
    const sms = (await caller.purposes.list()).find((p) => p.key === "marketing.sms")!;
    await caller.purposes.update({ id: sms.id, name: "Text messages", description: "Edited", allowedLawfulBases: ["consent"] });
    await caller.purposes.retire({ id: sms.id, reason: "We no longer send SMS" });
    await ensureReferenceData(getDb());
    const after = (await caller.purposes.list({ includeRetired: true })).find((p) => p.key === "marketing.sms")!;
    expect(after).toMatchObject({ name: "Text messages" });
    expect(after.retiredAt).not.toBeNull();
    expect((await caller.purposes.list()).some((p) => p.key === "marketing.sms")).toBe(false);
  });
});

describeEachDb("consent purposes and data categories", (getDb) => {
  it("a privacy officer adds, edits, retires and restores a purpose, each audited with before and after", async () => {
    const po = await makeUser(getDb(), ["privacy_officer"]);
    const caller = callerFor(getDb(), po);
    const created = await caller.purposes.create({
      key: "marketing.direct_mail",
      name: "Direct mail",
      description: "Printed catalogues",
      allowedLawfulBases: ["legitimate_interest", "consent"],
    });
    await caller.purposes.update({ id: created.id, name: "Direct mail (post)", description: "", allowedLawfulBases: ["consent"] });
    await caller.purposes.retire({ id: created.id, reason: "Replaced by email" });
    await caller.purposes.restore({ id: created.id });
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.entityId, created.id)).orderBy(auditEvents.seq);
    expect(events.map((e) => e.action)).toEqual(["purpose.created", "purpose.updated", "purpose.retired", "purpose.restored"]);
    expect(events[1]).toMatchObject({ before: { name: "Direct mail" }, after: { name: "Direct mail (post)", allowedLawfulBases: ["consent"] } });
    expect(events[2]!.reason).toBe("Replaced by email");
  });

  it("refuses a duplicate or malformed key on the key field", async () => {
    const caller = callerFor(getDb(), await makeUser(getDb(), ["privacy_officer"]));
    const dup = await errorOf(caller.purposes.create({ key: "analytics", name: "Again", description: "", allowedLawfulBases: ["consent"] }));
    expect(dup.code).toBe("CONFLICT");
    expect((dup.cause as { field?: string }).field).toBe("key");
    const bad = await errorOf(caller.purposes.create({ key: "Bad Key!", name: "X", description: "", allowedLawfulBases: [] }));
    expect(bad.code).toBe("BAD_REQUEST");
  });

  it("places a category under the parent its key names, and refuses an unknown parent", async () => {
    const caller = callerFor(getDb(), await makeUser(getDb(), ["privacy_officer"]));
    const child = await caller.categories.create({ key: "user.behavior.loyalty_tier", name: "Loyalty tier", description: "", defaultSensitivity: "internal", isSpecialCategory: false });
    expect((await caller.categories.list()).find((c) => c.id === child.id)?.parentKey).toBe("user.behavior");
    const orphan = await errorOf(caller.categories.create({ key: "user.nowhere.thing", name: "X", description: "", defaultSensitivity: "internal", isSpecialCategory: false }));
    expect(orphan.message).toMatch(/no parent category "user.nowhere"/);
  });

  it("retires a parent only after its children, and restores a child only under an active parent", async () => {
    const caller = callerFor(getDb(), await makeUser(getDb(), ["privacy_officer"]));
    const parent = await caller.categories.create({ key: "user.survey", name: "Survey answers", description: "", defaultSensitivity: "internal", isSpecialCategory: false });
    const kid = await caller.categories.create({ key: "user.survey.nps", name: "NPS score", description: "", defaultSensitivity: "internal", isSpecialCategory: false });
    expect((await errorOf(caller.categories.retire({ id: parent.id, reason: "unused" }))).message).toMatch(/sub-categories first/);
    await caller.categories.retire({ id: kid.id, reason: "unused" });
    await caller.categories.retire({ id: parent.id, reason: "unused" });
    expect((await errorOf(caller.categories.restore({ id: kid.id }))).message).toMatch(/Restore its parent/);
  });

  it("lets stewards and marketers read but not change taxonomies", async () => {
    const marketer = callerFor(getDb(), await makeUser(getDb(), ["marketer"]));
    expect((await marketer.purposes.list()).length).toBeGreaterThan(10);
    const err = await errorOf(marketer.purposes.create({ key: "x.y", name: "X", description: "", allowedLawfulBases: ["consent"] }));
    expect(err.code).toBe("FORBIDDEN");
  });
});
