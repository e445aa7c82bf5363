import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/identity";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { segmentDecisionDenials } from "@/server/db/schema";
import { decisionLogPruneJob } from "@/server/modules/jobs/jobs";
import { createToken, revokeToken } from "@/server/modules/lineage/tokens.service";
import { makeSignal, makeSource, segmentInput, group, cond } from "@/server/testing/catalog";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { createDecisionRecorder } from "../usage";
import type { DecisionRecord } from "../usage-hook";
import { writeUsage } from "./queries";

const DENIED = [{ code: "segment_paused", message: "The segment is paused." }];

describeEachDb("who uses a segment", (getDb) => {
  let steward: SessionUser;
  let marketer: SessionUser;
  let signalId: string;
  beforeAll(async () => {
    const db = getDb();
    steward = await makeUser(db, ["steward"]);
    marketer = await makeUser(db, ["marketer"]);
    const src = await makeSource(db, steward);
    signalId = (await makeSignal(db, steward, src.id)).id;
  });

  const makeSegment = (db: Db) => callerFor(db, steward).segments.create(segmentInput(group(cond(signalId)), { channels: ["email", "push"] }));
  const makeToken = async (db: Db, name: string) => (await createToken(db, { id: steward.id, label: steward.email }, { name, scopes: ["lineage:read"] })).id;
  const recorderOn = (db: Db) => createDecisionRecorder({ write: (deltas, denials) => writeUsage(db, deltas, denials) });
  const decision = (tokenId: string, segmentId: string, channel: string, allowed: boolean, at: string, reasons = allowed ? [] : DENIED): DecisionRecord => ({
    tokenId,
    segmentId,
    segmentKey: "k",
    channel,
    allowed,
    reasons,
    at: new Date(at),
  });

  it("adds each flush's decisions to the day's counts, one row per tool, channel and UTC day, and logs each denial", async () => {
    const db = getDb();
    const seg = await makeSegment(db);
    const email = await makeToken(db, "Email platform");
    const recorder = recorderOn(db);
    recorder.record([decision(email, seg.id, "email", true, "2026-11-30T10:00:00Z"), decision(email, seg.id, "email", false, "2026-11-30T23:59:59.999Z")]);
    await recorder.flush();
    // A second flush adds to the same row, and a decision a millisecond later falls on the next day.
    recorder.record([decision(email, seg.id, "email", true, "2026-11-30T08:00:00Z"), decision(email, seg.id, "email", true, "2026-12-01T00:00:00Z")]);
    await recorder.flush();
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select day::text as day, allowed_count, denied_count, first_asked_at, last_asked_at from segment_usage_daily where segment_id = ${seg.id} order by day`),
    );
    expect(rows.map((r) => ({ ...r, first_asked_at: new Date(r.first_asked_at as string).toISOString(), last_asked_at: new Date(r.last_asked_at as string).toISOString() }))).toEqual([
      { day: "2026-11-30", allowed_count: 2, denied_count: 1, first_asked_at: "2026-11-30T08:00:00.000Z", last_asked_at: "2026-11-30T23:59:59.999Z" },
      { day: "2026-12-01", allowed_count: 1, denied_count: 0, first_asked_at: "2026-12-01T00:00:00.000Z", last_asked_at: "2026-12-01T00:00:00.000Z" },
    ]);
    expect(recorder.pending()).toBe(0);
  });

  it("writes a backlog larger than one statement's part whole: every day's count and every denial", async () => {
    const db = getDb();
    const seg = await makeSegment(db);
    const tool = await makeToken(db, "Backlog tool");
    // 5,001 days, each with one denial: one past the 5,000 rows a statement takes.
    const day0 = Date.UTC(2010, 0, 1);
    const backlog = Array.from({ length: 5001 }, (_, i) => decision(tool, seg.id, "push", false, new Date(day0 + i * 86_400_000 + 3_600_000).toISOString()));
    const recorder = recorderOn(db);
    recorder.record(backlog);
    await recorder.flush();
    const [counts] = rowsOf<{ days: number; denied: number; last: string }>(
      await db.execute(sql`select count(*)::int as days, sum(denied_count)::int as denied, max(day)::text as last from segment_usage_daily where token_id = ${tool}`),
    );
    expect(counts).toEqual({ days: 5001, denied: 5001, last: new Date(day0 + 5000 * 86_400_000).toISOString().slice(0, 10) });
    const [logged] = rowsOf<{ n: number; reasons: unknown }>(
      await db.execute(sql`select count(*)::int as n, (array_agg(reasons))[1] as reasons from segment_decision_denials where token_id = ${tool}`),
    );
    expect(logged).toEqual({ n: 5001, reasons: DENIED });
  });

  it("answers the Used-by panel: per tool and channel, recent and total counts, latest denials first with reasons", async () => {
    const db = getDb();
    const seg = await makeSegment(db);
    const email = await makeToken(db, "Email platform");
    const cdp = await makeToken(db, "CDP sync");
    const recorder = recorderOn(db);
    const now = Date.now();
    const ago = (days: number, extraMs = 0) => new Date(now - days * 86_400_000 + extraMs).toISOString();
    recorder.record([
      decision(email, seg.id, "email", true, ago(40)), // before the last 30 days: total only
      decision(email, seg.id, "email", true, ago(1)),
      decision(email, seg.id, "email", false, ago(0, -2500)),
      decision(email, seg.id, "email", false, ago(0, -2000)), // the same denial again: one log row, counted twice
      decision(cdp, seg.id, "push", false, ago(0, -1000), [
        { code: "channel_not_declared", message: "Push is not one of the segment's channels." },
        { code: "recertification_overdue", message: "Re-certification is overdue." },
      ]),
      { ...decision(cdp, seg.id, "push", true, ago(0)), segmentId: null }, // an unknown segment: no one's usage
    ]);
    await recorder.flush();
    await revokeToken(db, { id: steward.id, label: steward.email }, cdp);

    const usage = await callerFor(db, marketer).usage.bySegment({ segmentId: seg.id });
    expect(usage.recentDays).toBe(30);
    expect(usage.denialLogDays).toBe(90);
    expect(usage.tools).toEqual([
      expect.objectContaining({ tokenName: "CDP sync", channel: "push", revoked: true, recentAllowed: 0, recentDenied: 1, totalAllowed: 0, totalDenied: 1 }),
      expect.objectContaining({ tokenName: "Email platform", channel: "email", revoked: false, recentAllowed: 1, recentDenied: 2, totalAllowed: 2, totalDenied: 2 }),
    ]);
    expect(usage.tools[1]!.lastAskedAt.toISOString()).toBe(ago(0, -2000));
    expect(usage.tools[1]!.firstAskedAt.toISOString()).toBe(ago(40));
    expect(usage.denials.map((d) => [d.tokenName, d.channel, d.reasons.map((r) => r.code), d.count, d.at.toISOString(), d.lastAt?.toISOString() ?? null])).toEqual([
      ["CDP sync", "push", ["channel_not_declared", "recertification_overdue"], 1, ago(0, -1000), null],
      ["Email platform", "email", ["segment_paused"], 2, ago(0, -2500), ago(0, -2000)],
    ]);
  });

  it("says nothing is known for a segment no tool asked about, and not found for an unknown one", async () => {
    const db = getDb();
    const seg = await makeSegment(db);
    expect(await callerFor(db, marketer).usage.bySegment({ segmentId: seg.id })).toMatchObject({ tools: [], denials: [] });
    const err = await callerFor(db, marketer)
      .usage.bySegment({ segmentId: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
  });

  it("prunes denials older than STEWARD_DECISION_LOG_DAYS (90 by default) and keeps the rest and the counts", async () => {
    const db = getDb();
    const seg = await makeSegment(db);
    const token = await makeToken(db, "Ad audience sync");
    const now = new Date("2026-12-03T03:20:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const recorder = recorderOn(db);
    recorder.record([decision(token, seg.id, "web", false, daysAgo(91)), decision(token, seg.id, "web", false, daysAgo(90.01)), decision(token, seg.id, "web", false, daysAgo(89))]);
    await recorder.flush();
    const mine = sql`${segmentDecisionDenials.segmentId} = ${seg.id}`;
    const before = await db.select().from(segmentDecisionDenials).where(mine);
    expect(before).toHaveLength(3);
    const result = await decisionLogPruneJob.run(db, now);
    expect(result.pruned).toBeGreaterThanOrEqual(2); // other tests' denials are recent: only these two are old
    const left = await db.select({ at: segmentDecisionDenials.at }).from(segmentDecisionDenials).where(mine);
    expect(left.map((r) => r.at.toISOString())).toEqual([daysAgo(89)]);
    // The daily counts are not the log: they stay.
    const usage = await callerFor(db, marketer).usage.bySegment({ segmentId: seg.id });
    expect(usage.tools[0]).toMatchObject({ totalDenied: 3 });
    // Running it again finds nothing more.
    expect((await decisionLogPruneJob.run(db, now)).pruned).toBe(0);
  });
});
