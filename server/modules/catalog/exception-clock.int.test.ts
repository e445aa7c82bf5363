import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { policyExceptions, segmentFindings, segments } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { cond, group, makeSignal, makeSource, purposeId, segmentInput } from "@/server/testing/catalog";
import type { SessionUser } from "@/server/auth/identity";
import { coveredByException, exceptionStatus } from "@/server/modules/policy/exception-cover";
import { findingsOf } from "@/server/modules/policy/findings.service";
import { listExceptions } from "@/server/modules/policy/policy.service";
import { findingCounts } from "@/server/modules/policy/finding-counts";
import { listSegmentsInput } from "./schemas";
import { listSegments } from "./segments.queries";

// Lives with the catalog (which may import policy, not the reverse): its blocked filter is one of the readers.
describeEachDb("exception cover: one clock", (getDb) => {
  let steward: SessionUser;
  let officer: SessionUser;
  beforeAll(async () => {
    steward = await makeUser(getDb(), ["steward"]);
    officer = await makeUser(getDb(), ["privacy_officer"]);
  });

  it("the SQL cover, the findings, the exception list, the blocked filter and the counts all follow the given now", async () => {
    const db = getDb();
    const source = await makeSource(db, steward, { jurisdictions: ["US"] });
    const signal = await makeSignal(db, steward, source.id);
    // Documented, so the policy finds nothing; the one blocking finding below is the only one.
    const segment = await callerFor(db, steward).segments.create(
      segmentInput(group(cond(signal.id)), {
        purposeStatement: "Thank loyal customers with early access to the sale.",
        rationale: { assumptions: "Buyers respond to early access", limitations: "Excludes guests", expectedOutcomes: "+3% repeat rate" },
        refreshCadence: "daily",
        lookbackDays: 90,
        minCohortSize: 100,
        declaredPurposeIds: [await purposeId(db, "marketing.email")],
      }),
    );
    const [{ version }] = (await db.select({ version: segments.version }).from(segments).where(eq(segments.id, segment.id))) as [{ version: number }];
    const [finding] = await db
      .insert(segmentFindings)
      .values({
        segmentId: segment.id,
        segmentVersion: version,
        policyVersion: 1,
        policyKey: "cover_clock_test",
        fingerprint: "cover-clock",
        severity: "block",
        title: "Test",
        message: "Test finding",
        remedy: "None",
        signals: [],
        purposes: [],
        channels: [],
      })
      .returning({ id: segmentFindings.id });
    // Long past by the database's clock: only the given `now` can make it count.
    const expiresAt = new Date("2001-01-01T00:00:00.000Z");
    await db
      .insert(policyExceptions)
      .values({ segmentId: segment.id, policyKey: "cover_clock_test", fingerprint: "cover-clock", findingTitle: "Test", justification: "Clock test", expiresAt, grantedById: officer.id });

    for (const now of [new Date(expiresAt.getTime() - 86_400_000), new Date(expiresAt.getTime() - 1), expiresAt, new Date(expiresAt.getTime() + 1)]) {
      const inForce = exceptionStatus({ revokedAt: null, expiresAt }, now) === "active";
      const [row] = rowsOf<{ covered: boolean }>(await db.execute(sql`SELECT ${coveredByException(now)} AS covered FROM segment_findings f WHERE f.id = ${finding!.id}`));
      expect(row!.covered, `SQL cover at ${now.toISOString()}`).toBe(inForce);
      const findings = await findingsOf(db, segment.id, version, now);
      expect(findings.map((f) => Boolean(f.exception))).toEqual([inForce]);
      const listed = await listExceptions(db, { status: "all", segmentId: segment.id }, now);
      expect(listed.map((e) => e.status)).toEqual([inForce ? "active" : "expired"]);
      expect(await listExceptions(db, { status: "active", segmentId: segment.id }, now)).toHaveLength(inForce ? 1 : 0);
      expect(await listExceptions(db, { status: "expired", segmentId: segment.id }, now)).toHaveLength(inForce ? 0 : 1);
      const blocked = await listSegments(db, listSegmentsInput.parse({ findings: "blocked", ownerId: steward.id }), now);
      expect(blocked.items.map((i) => i.id)).toEqual(inForce ? [] : [segment.id]);
      const counts = (await findingCounts(db, now)).find((c) => c.policyKey === "cover_clock_test");
      expect(counts).toMatchObject(inForce ? { blocked: 0, waived: 1 } : { blocked: 1, waived: 0 });
    }
  });
});
