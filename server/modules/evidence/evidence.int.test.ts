import { strFromU8, unzipSync } from "fflate";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput, submittableSegmentInput } from "@/server/testing/catalog";
import { verifyExportLines } from "@/server/audit/verify-export";
import { EXPORT_COLUMNS } from "@/server/modules/audit/export-stream";
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
    expect(Object.keys(files).sort()).toEqual(["audit-events.ndjson", "evidence.json", "privacy-ledger.csv", "summary.html"]);
    const html = strFromU8(files["summary.html"]!);
    expect(html).toContain("Evidence pack: Repeat &lt;buyers&gt;");
    expect(html).toContain("Thank repeat buyers.");
    expect(html).toContain("Orders last quarter");
    expect(html).toContain("Email marketing (consent)");
    expect(html).toContain("Not collected for sms marketing");
    const json = JSON.parse(strFromU8(files["evidence.json"]!));
    // Nothing released about it yet: the ledger is its header only, and the reports follow the policy's default.
    expect(strFromU8(files["privacy-ledger.csv"]!)).toBe("cell_key,from,to,value,epsilon,via,released_by,released_at\r\n");
    expect(json.privacy).toMatchObject({ mode: { differentialPrivacy: false, source: "policy" }, budgets: [], ledgerRows: 0 });
    expect(json.segment.name).toBe("Repeat <buyers>");
    expect(json.segment.findings.map((f: { policyKey: string }) => f.policyKey)).toContain("purpose_not_consented");
    expect(json.consentOrigins[0]).toMatchObject({ purposeKey: "marketing.email", source: { name: "Loyalty CRM" } });
    expect(json.consentOriginsPartial).toBe(false);
    const lines = strFromU8(files["audit-events.ndjson"]!)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.action)).toEqual(["segment.created"]);
    const [taken] = await db.select().from(auditEvents).where(eq(auditEvents.action, "evidence.exported"));
    expect(taken).toMatchObject({ actorId: auditor.id, entityId: seg.id });
  });

  it("writes its audit events in the export's NDJSON, which the export verifier re-hashes on its own; a tampered line fails", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const marketer = await makeUser(db, ["marketer"]);
    const src = await makeSource(db, steward, { jurisdictions: ["US"] });
    const sig = await makeSignal(db, steward, src.id, { category: "user.behavior.email_engagement" });
    // Documented well enough to be submitted, so that the pack also holds a review request's events.
    const seg = await callerFor(db, marketer).segments.create(await submittableSegmentInput(db, sig.id));
    await callerFor(db, marketer).reviews.submitSegment({ segmentId: seg.id, justification: "Needed for the spring loyalty campaign." });
    const { zip } = await buildEvidencePack(db, { id: steward.id, label: steward.email }, seg.id);
    const text = strFromU8(unzipSync(zip)["audit-events.ndjson"]!);
    const lines = text.split("\n").filter(Boolean);
    const events = lines.map((l) => JSON.parse(l));
    // Both the segment's events and its review request's, in chain order.
    expect(events.map((e) => e.entity_type)).toEqual(expect.arrayContaining(["segment", "review_request"]));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(Object.keys(events[0])).toEqual([...EXPORT_COLUMNS]);
    expect(events[0].occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const verified = await verifyExportLines(lines);
    expect(verified).toEqual({ ok: true, count: lines.length, contiguous: false, problems: [] });

    const tampered = lines.map((l, i) => (i === 1 ? l.replace(/"actor_label":"[^"]*"/, '"actor_label":"someone else"') : l));
    expect(tampered[1]).not.toBe(lines[1]);
    const broken = await verifyExportLines(tampered);
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([`event ${events[1].seq}: the hash does not match the event's contents`]);
  });
});
