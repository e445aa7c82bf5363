import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { apiTokens } from "@/server/db/schema";
import type { Db } from "@/server/db/client";
import { describeEachDb } from "@/server/testing/db";
import { callerFor } from "@/server/testing/fixtures";
import { activeSegment, gateCast, makeRecertificationOverdue, type GateCast } from "@/server/testing/activation";
import { decisionGet, decisionsPost, pingGet } from "./http";
import { setDecisionRecorder, type DecisionRecord } from "./usage-hook";

const ask = (db: Db, key: string, query: string, token?: string) =>
  decisionGet.run(new Request(`http://steward.test/api/v1/segments/${key}/decision?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { db }, { key });

const batch = (db: Db, body: unknown, token?: string) =>
  decisionsPost.run(
    new Request("http://steward.test/api/v1/decisions", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
    { db },
  );

const codes = async (res: Response) => ((await res.json()) as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code);

describeEachDb("activation gate API", (getDb) => {
  let cast: GateCast;
  let gate: { id: string; token: string };
  let lineageOnly: { id: string; token: string };
  let live: Awaited<ReturnType<typeof activeSegment>>;
  beforeAll(async () => {
    const db = getDb();
    cast = await gateCast(db);
    gate = await callerFor(db, cast.admin).tokens.create({ name: "email-platform", scopes: ["activation:read"] });
    lineageOnly = await callerFor(db, cast.admin).tokens.create({ name: "pipeline", scopes: ["lineage:read"] });
    live = await activeSegment(db, cast);
  });

  it("allows an active segment on a declared channel, with its version, cap and cohort, and records the decision", async () => {
    const db = getDb();
    const recorded: DecisionRecord[] = [];
    setDecisionRecorder((_db, r) => recorded.push(...r));
    try {
      const res = await ask(db, live.seg.key, "channel=email&purpose=marketing.email", gate.token);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = await res.json();
      expect(body).toEqual({
        allowed: true,
        segment: { key: live.seg.key, name: "Frequent buyers" },
        version: 1,
        status: "active",
        channel: "email",
        reasons: [],
        frequencyCap: { count: 2, perDays: 7 },
        minimumCohort: 100,
        evaluatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(recorded).toEqual([{ tokenId: gate.id, segmentId: live.seg.id, segmentKey: live.seg.key, channel: "email", allowed: true, reasons: [], at: expect.any(Date) }]);
    } finally {
      setDecisionRecorder(() => {});
    }
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, gate.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it("denies an undeclared channel and purpose, naming them", async () => {
    const db = getDb();
    const res = await ask(db, live.seg.key, "channel=push&purpose=marketing.push", gate.token);
    const body = await res.json();
    expect(body.allowed).toBe(false);
    expect(body.frequencyCap).toBeNull();
    expect(body.reasons).toEqual([
      { code: "channel_not_declared", message: "Push is not one of the segment's declared channels (Email, SMS)." },
      { code: "purpose_not_declared", message: "The purpose marketing.push is not among the segment's declared purposes." },
    ]);
  });

  it("does not open a channel a draft edit adds before it is approved", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast);
    const view = await callerFor(db, cast.marketer).segments.byId({ id: seg.id });
    await callerFor(db, cast.marketer).segments.update({ ...view.data, id: seg.id, baseVersion: view.version, channels: ["email", "sms", "push"] } as never);
    const body = await (await ask(db, seg.key, "channel=push", gate.token)).json();
    expect(body).toMatchObject({ allowed: false, version: 1, status: "active" });
    expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(["channel_not_declared"]);
  });

  it("denies once paused, and once retired, as soon as the change commits", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast);
    await callerFor(db, cast.po).lifecycle.pause({ segmentId: seg.id });
    const paused = await (await ask(db, seg.key, "channel=sms", gate.token)).json();
    expect(paused).toMatchObject({ allowed: false, status: "paused", reasons: [{ code: "segment_not_active", message: "The segment is paused." }] });
    await callerFor(db, cast.marketer).lifecycle.activate({ segmentId: seg.id });
    expect((await (await ask(db, seg.key, "channel=sms", gate.token)).json()).allowed).toBe(true);
    await callerFor(db, cast.po).lifecycle.retire({ segmentId: seg.id, reason: "Campaign over" });
    expect(await codes(await ask(db, seg.key, "channel=sms", gate.token))).toEqual(["segment_not_active"]);
  });

  it("denies when consent changes upstream, until the segment is re-approved", async () => {
    const db = getDb();
    const { seg, sig } = await activeSegment(db, cast);
    await callerFor(db, cast.po).signals.updateConsents({ id: sig.id, consents: [], reason: "Withdrawn at the source" });
    const got = await codes(await ask(db, seg.key, "channel=email", gate.token));
    expect(got).toContain("consent_changed_upstream");
    expect(got).not.toContain("segment_not_active");
  });

  it("allows while an exception waives a blocking finding, and denies once it has expired", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast, { waived: new Date(Date.now() + 30 * 86_400_000) });
    expect(await (await ask(db, seg.key, "channel=email", gate.token)).json()).toMatchObject({ allowed: true, status: "active" });
    await db.execute(sql`UPDATE policy_exceptions SET expires_at = now() - interval '1 second' WHERE segment_id = ${seg.id}`);
    const body = await (await ask(db, seg.key, "channel=email", gate.token)).json();
    expect(body.allowed).toBe(false);
    expect(body.reasons.length).toBeGreaterThan(0);
    for (const r of body.reasons) {
      expect(r.code).toBe("blocking_finding");
      expect(r.message).toMatch(/^Blocking finding: .+; its exception expired on \d{1,2} [A-Z][a-z]{2} \d{4}\.$/);
    }
  });

  it("denies when re-certification is overdue, saying since when", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast);
    await makeRecertificationOverdue(db, seg.id, "2026-11-02");
    const body = await (await ask(db, seg.key, "channel=email", gate.token)).json();
    expect(body.reasons).toEqual([{ code: "recertification_overdue", message: "Re-certification overdue since 2 Nov 2026." }]);
  });

  it("answers 401 without a token or with an unknown one, 403 without activation:read, 404 for an unknown key", async () => {
    const db = getDb();
    const none = await ask(db, live.seg.key, "channel=email");
    expect(none.status).toBe(401);
    expect((await ask(db, live.seg.key, "channel=email", "stw_not-a-token")).status).toBe(401);
    const forbidden = await ask(db, live.seg.key, "channel=email", lineageOnly.token);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toBe("This API token lacks the activation:read scope.");
    expect((await batch(db, { decisions: [{ segment: live.seg.key, channel: "email" }] }, lineageOnly.token)).status).toBe(403);
    const unknown = await ask(db, "no_such_segment", "channel=email", gate.token);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("No segment has the key no_such_segment.");
    expect((await ask(db, "Not A Key", "channel=email", gate.token)).status).toBe(404);
  });

  it.each([
    ["", "channel: is required", "channel"],
    ["channel=fax", "channel: must be one of email, web, mobile_app, push, sms, paid_social, display, call_centre", "channel"],
    ["channel=email&purpose=Bad Key", "purpose: must be a consent purpose key", "purpose"],
    ["channel=email&purpose=marketing.carrier_pigeon", "purpose: no consent purpose has the key marketing.carrier_pigeon", "purpose"],
    ["channel=email&purpse=marketing.email", "purpse: is not a field of this request", "purpse"],
  ])("refuses ?%s with a 400 naming the parameter", async (query, message, field) => {
    const res = await ask(getDb(), live.seg.key, query, gate.token);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toContain(message);
    expect(body.field).toBe(field);
  });

  it("answers a batch in the order asked, an unknown key with segment_unknown, repeated keys each", async () => {
    const db = getDb();
    const paused = await activeSegment(db, cast);
    await callerFor(db, cast.po).lifecycle.pause({ segmentId: paused.seg.id });
    const asks = [
      { segment: paused.seg.key, channel: "email" },
      { segment: live.seg.key, channel: "email", purpose: "marketing.email" },
      { segment: "ghost_segment", channel: "sms" },
      { segment: live.seg.key, channel: "push" },
      { segment: live.seg.key, channel: "sms", purpose: "marketing.sms" },
    ];
    const res = await batch(db, { decisions: asks }, gate.token);
    expect(res.status).toBe(200);
    const { decisions } = await res.json();
    expect(decisions.map((d: { segment: { key: string }; channel: string; allowed: boolean }) => [d.segment.key, d.channel, d.allowed])).toEqual([
      [paused.seg.key, "email", false],
      [live.seg.key, "email", true],
      ["ghost_segment", "sms", false],
      [live.seg.key, "push", false],
      [live.seg.key, "sms", true],
    ]);
    expect(decisions[2]).toMatchObject({
      segment: { key: "ghost_segment", name: null },
      version: null,
      status: null,
      reasons: [{ code: "segment_unknown", message: "No segment has the key ghost_segment." }],
    });
    expect(decisions[0].reasons.map((r: { code: string }) => r.code)).toEqual(["segment_not_active"]);
    // A single ask reads one key with its own statement; it must answer as the batch does.
    const withoutClock = ({ evaluatedAt: _, ...rest }: { evaluatedAt: string }) => rest;
    for (const [i, a] of asks.entries()) {
      if (a.segment === "ghost_segment") continue;
      const single = await ask(db, a.segment, new URLSearchParams({ channel: a.channel, ...(a.purpose ? { purpose: a.purpose } : {}) }).toString(), gate.token);
      expect(withoutClock(await single.json()), `ask ${i}`).toEqual(withoutClock(decisions[i]));
    }
  });

  it("answers 1,000 pairs, and refuses 1,001 with a 413 before any work", async () => {
    const db = getDb();
    const thousand = Array.from({ length: 1000 }, (_, i) => ({ segment: i % 2 ? live.seg.key : `missing_${i}`, channel: "email" }));
    const ok = await batch(db, { decisions: thousand }, gate.token);
    expect(ok.status).toBe(200);
    const { decisions } = await ok.json();
    expect(decisions).toHaveLength(1000);
    expect(decisions[999]).toMatchObject({ segment: { key: live.seg.key }, allowed: true });
    expect(decisions[998]).toMatchObject({ segment: { key: "missing_998" }, allowed: false });
    // 1,001 pairs, even ones the schema would refuse, are counted first: nothing is parsed or read.
    const tooMany = await batch(db, { decisions: Array.from({ length: 1001 }, () => ({ segment: 42 })) }, gate.token);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({ error: "decisions: at most 1000 pairs per call (1001 sent); split the batch.", code: "PAYLOAD_TOO_LARGE", field: "decisions" });
  });

  it.each([
    [{ decisions: [] }, "decisions: ask about at least one segment", "decisions"],
    [[{ segment: "x", channel: "email" }], "body: must be an object", "body"],
    [
      {
        decisions: [
          { segment: "x", channel: "email" },
          { segment: "y", channel: "fax" },
        ],
      },
      "decisions.1.channel: must be one of",
      "decisions.1.channel",
    ],
    [{ decisions: [{ segment: "x", channel: "email", purpose: "marketing.nope" }] }, "decisions.0.purpose: no consent purpose has the key marketing.nope", "decisions.0.purpose"],
    [{ decisions: [{ segment: "x", channel: "email", extra: 1 }] }, "decisions.0.extra: is not a field of this request", "decisions.0.extra"],
  ])("refuses a bad batch with a 400 naming the item: %j", async (body, message, field) => {
    const res = await batch(getDb(), body, gate.token);
    expect(res.status).toBe(400);
    const got = await res.json();
    expect(got.error).toContain(message);
    expect(got.field).toBe(field);
  });

  it("GET /api/v1/ping answers any valid token and nothing else", async () => {
    const db = getDb();
    const ping = (token?: string) => pingGet.run(new Request("http://steward.test/api/v1/ping", { headers: token ? { authorization: `Bearer ${token}` } : {} }), { db });
    expect(await (await ping(lineageOnly.token)).json()).toEqual({ ok: true });
    expect((await ping(gate.token)).status).toBe(200);
    expect((await ping()).status).toBe(401);
  });

  it("gives the segment page the answer for each declared channel", async () => {
    const db = getDb();
    const { seg } = await activeSegment(db, cast);
    await makeRecertificationOverdue(db, seg.id, "2026-11-02");
    const page = await callerFor(db, cast.marketer).gate.forSegment({ segmentId: seg.id });
    expect(page.decisions.map((d) => [d.channel, d.allowed, d.reasons.map((r) => r.message)])).toEqual([
      ["email", false, ["Re-certification overdue since 2 Nov 2026."]],
      ["sms", false, ["Re-certification overdue since 2 Nov 2026."]],
    ]);
    await expect(callerFor(db, cast.marketer).gate.forSegment({ segmentId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(/not found/);
  });
});
