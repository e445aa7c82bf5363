import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/identity";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSignal, makeSource, purposeId, submittableSegmentInput } from "@/server/testing/catalog";

const JUST = "Needed for the winter loyalty campaign.";

/** People and a source for building active segments the gate can be asked about (tests only). */
export async function gateCast(db: Db) {
  const [admin, steward, po, po2, marketer] = await Promise.all([
    makeUser(db, ["admin"]),
    makeUser(db, ["steward"]),
    makeUser(db, ["privacy_officer"]),
    makeUser(db, ["privacy_officer"]),
    makeUser(db, ["marketer"]),
  ]);
  const source = await makeSource(db, steward, { jurisdictions: ["US"] });
  return { admin, steward, po, po2, marketer, sourceId: source.id };
}
export type GateCast = Awaited<ReturnType<typeof gateCast>>;

/** Approves a request with whoever it still needs: a steward, then privacy officers. */
async function approveFully(db: Db, cast: GateCast, requestId: string) {
  for (const who of [cast.steward, cast.po, cast.po2]) {
    const view = await callerFor(db, who).reviews.byId({ requestId });
    if (view.status === "approved") return;
    if (view.canDecide) await callerFor(db, who).reviews.decide({ requestId, decision: "approve" });
  }
}

/**
 * An active segment on one signal with email (frequency-capped) and SMS declared for email
 * marketing. `waived`: its signal carries no consent, so it has blocking findings, each waived by
 * an exception until `waived` (approved with them).
 */
export async function activeSegment(db: Db, cast: GateCast, opts: { waived?: Date } = {}) {
  const sig = await makeSignal(db, cast.steward, cast.sourceId, {
    category: "user.behavior.email_engagement",
    name: `Clicks ${Math.random().toString(36).slice(2, 6)}`,
    consents: [
      ["marketing.email", "consent"],
      ["marketing.sms", "consent"],
    ],
  });
  const input = await submittableSegmentInput(db, sig.id, {
    channels: ["email", "sms"],
    frequencyCaps: { email: { count: 2, perDays: 7 }, sms: { count: 1, perDays: 7 } },
    declaredPurposeIds: [await purposeId(db, "marketing.email"), await purposeId(db, "marketing.sms")],
  });
  const created = await callerFor(db, cast.marketer).segments.create(input);
  const seg = { id: created.id, key: input.key };
  if (opts.waived) {
    await callerFor(db, cast.po).signals.updateConsents({ id: sig.id, consents: [] });
    const blocking = (await callerFor(db, cast.po).segments.byId({ id: seg.id })).findings.filter((f) => f.severity === "block");
    if (blocking.length === 0) throw new Error("expected blocking findings to waive");
    for (const f of blocking) await callerFor(db, cast.po).policy.grantException({ findingId: f.id, justification: "Consent backfill signed off by legal.", expiresAt: opts.waived });
  }
  const r = await callerFor(db, cast.marketer).reviews.submitSegment({ segmentId: seg.id, justification: JUST });
  await approveFully(db, cast, r.id);
  await callerFor(db, cast.marketer).lifecycle.activate({ segmentId: seg.id });
  return { seg, sig };
}

/** Moves a segment's re-certification day into the past, as time passing would. */
export const makeRecertificationOverdue = (db: Db, segmentId: string, day = "2026-01-02") => db.execute(sql`UPDATE segments SET recertify_by = ${day}::date WHERE id = ${segmentId}`);

export type { SessionUser };
