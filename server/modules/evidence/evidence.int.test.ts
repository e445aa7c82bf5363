import { strFromU8, unzipSync } from "fflate";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput } from "@/server/testing/catalog";
import { buildEvidencePack } from "./pack";

describeEachDb("evidence pack", (getDb) => {
  it("holds a readable summary, the same as JSON, and the segment's audit events; taking it is audited", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const auditor = await makeUser(db, ["auditor"]);
    const src = await makeSource(db, steward, { name: "Loyalty CRM" });
    const sig = await makeSignal(db, steward, src.id, { name: "Orders last quarter", consents: [["marketing.email", "consent"]] });
    const seg = await callerFor(db, steward).segments.create(
      segmentInput(group(cond(sig.id)), { name: "Repeat <buyers>", purposeStatement: "Thank repeat buyers.", declaredPurposeIds: [await purposeId(db, "marketing.sms")], channels: ["sms"] }),
    );
    const { zip, filename } = await buildEvidencePack(db, { id: auditor.id, label: auditor.email }, seg.id);
    expect(filename).toMatch(/^evidence-seg_.*-v1\.zip$/);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["audit-events.ndjson", "evidence.json", "summary.html"]);
    const html = strFromU8(files["summary.html"]!);
    expect(html).toContain("Evidence pack: Repeat &lt;buyers&gt;");
    expect(html).toContain("Thank repeat buyers.");
    expect(html).toContain("Orders last quarter");
    expect(html).toContain("Email marketing (consent)");
    expect(html).toContain("Not collected for sms marketing");
    const json = JSON.parse(strFromU8(files["evidence.json"]!));
    expect(json.segment.name).toBe("Repeat <buyers>");
    expect(json.segment.findings.map((f: { policyKey: string }) => f.policyKey)).toContain("purpose_not_consented");
    expect(json.consentOrigins[0]).toMatchObject({ purposeKey: "marketing.email", source: { name: "Loyalty CRM" } });
    expect(json.consentOriginsPartial).toBe(false);
    const lines = strFromU8(files["audit-events.ndjson"]!).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((e) => e.action)).toEqual(["segment.created"]);
    const [taken] = await db.select().from(auditEvents).where(eq(auditEvents.action, "evidence.exported"));
    expect(taken).toMatchObject({ actorId: auditor.id, entityId: seg.id });
  });
});
