import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_METRIC_ROWS } from "@/domain/metrics";
import type { Db } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { auditEvents, consentMetrics, outcomeDaily, outcomeMetrics } from "@/server/db/schema";
import { activeSegment, gateCast, type GateCast } from "@/server/testing/activation";
import { describeEachDb } from "@/server/testing/db";
import { callerFor } from "@/server/testing/fixtures";
import { consentPost, outcomesPost } from "./http";

const post = (route: typeof outcomesPost, db: Db, body: unknown, token?: string) =>
  route.run(
    new Request(`http://steward.test${route.operation.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
    { db },
  );

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describeEachDb("metrics ingest API", (getDb) => {
  let cast: GateCast;
  let writer: { id: string; token: string };
  let other: { id: string; token: string };
  let reader: { token: string };
  let segment: { id: string; key: string };
  let sourceKey: string;

  const outcome = (over: Record<string, unknown> = {}) => ({
    date: daysAgo(3),
    segment: segment.key,
    channel: "email",
    group: "treatment",
    reached: 1000,
    conversions: 40,
    revenue: 1234.5,
    currency: "EUR",
    ...over,
  });
  const consent = (over: Record<string, unknown> = {}) => ({ date: daysAgo(3), purpose: "marketing.email", consented: 5000, optIns: 30, withdrawals: 4, ...over });
  const outcomesOf = (db: Db, tokenId: string) =>
    db
      .select()
      .from(outcomeMetrics)
      .where(and(eq(outcomeMetrics.segmentId, segment.id), eq(outcomeMetrics.tokenId, tokenId)));

  beforeAll(async () => {
    const db = getDb();
    cast = await gateCast(db);
    const tokens = callerFor(db, cast.admin).tokens;
    writer = await tokens.create({ name: "email platform", scopes: ["metrics:write"] });
    other = await tokens.create({ name: "push platform", scopes: ["metrics:write"] });
    reader = await tokens.create({ name: "gate only", scopes: ["activation:read"] });
    segment = (await activeSegment(db, cast)).seg;
    const [src] = rowsOf<{ key: string }>(await db.execute(sql`SELECT key FROM data_sources WHERE id = ${cast.sourceId}`));
    sourceKey = src!.key;
  });

  describe("outcomes", () => {
    it("stores a batch, audits it once with the row count and date range, and replaces rows posted again", async () => {
      const db = getDb();
      const rows = [outcome({ date: daysAgo(5) }), outcome({ group: "holdout", reached: 120, conversions: 3 }), outcome({ channel: "sms", sends: 900, opens: 0, clicks: 0 })];
      const res = await post(outcomesPost, db, { rows }, writer.token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 3, replaced: 0, from: daysAgo(5), to: daysAgo(3) });
      const stored = await outcomesOf(db, writer.id);
      expect(stored).toHaveLength(3);
      expect(stored.find((r) => r.group === "holdout")).toMatchObject({ reached: 120, conversions: 3, revenue: "1234.5000", currency: "EUR", sends: null });
      const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "metrics.outcomes_ingested"));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        actorLabel: "token:email platform",
        entityType: "api_token",
        entityId: writer.id,
        after: { rows: 3, replaced: 0, from: daysAgo(5), to: daysAgo(3) },
      });

      // Posting again replaces by (date, segment, channel, group, token); another token's rows stand beside them.
      const again = await post(outcomesPost, db, { rows: [outcome({ group: "holdout", reached: 130, conversions: 5 })] }, writer.token);
      expect(await again.json()).toEqual({ accepted: 1, replaced: 1, from: daysAgo(3), to: daysAgo(3) });
      expect((await outcomesOf(db, writer.id)).find((r) => r.group === "holdout")).toMatchObject({ reached: 130, conversions: 5 });
      expect(await outcomesOf(db, writer.id)).toHaveLength(3);
      expect((await post(outcomesPost, db, { rows: [outcome({ group: "holdout", reached: 7, conversions: 1 })] }, other.token)).status).toBe(200);
      expect((await outcomesOf(db, other.id))[0]).toMatchObject({ reached: 7 });
      expect((await outcomesOf(db, writer.id)).find((r) => r.group === "holdout")).toMatchObject({ reached: 130 });

      // The daily rollup holds the sums over channels and tokens of what is stored now.
      const daily = await db.select().from(outcomeDaily).where(eq(outcomeDaily.segmentId, segment.id));
      expect(daily.map(({ date, group, reached, conversions }) => ({ date, group, reached, conversions })).sort((a, b) => (a.date + a.group).localeCompare(b.date + b.group))).toEqual([
        { date: daysAgo(5), group: "treatment", reached: 1000, conversions: 40 },
        { date: daysAgo(3), group: "holdout", reached: 137, conversions: 6 },
        { date: daysAgo(3), group: "treatment", reached: 1000, conversions: 40 },
      ]);
    });

    it("keeps the daily rollup equal to the detail's sums when batches from two tokens touch the same days at once", async () => {
      const db = getDb();
      const batches = Array.from({ length: 10 }, (_, i) =>
        post(
          outcomesPost,
          db,
          { rows: ["email", "sms", "push"].flatMap((channel) => [650, 651, 652].map((d) => outcome({ date: daysAgo(d), channel, reached: 100 + i, conversions: i }))) },
          i % 2 ? writer.token : other.token,
        ),
      );
      expect((await Promise.all(batches)).map((r) => r.status)).toEqual(Array(10).fill(200));
      const detail = rowsOf<{ date: string; reached: number; conversions: number }>(
        await db.execute(sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, sum(reached)::int AS reached, sum(conversions)::int AS conversions FROM outcome_metrics
          WHERE segment_id = ${segment.id} AND date BETWEEN ${daysAgo(652)}::date AND ${daysAgo(650)}::date AND "group" = 'treatment' GROUP BY 1 ORDER BY 1`),
      );
      const daily = await db
        .select({ date: outcomeDaily.date, reached: outcomeDaily.reached, conversions: outcomeDaily.conversions })
        .from(outcomeDaily)
        .where(and(eq(outcomeDaily.segmentId, segment.id), eq(outcomeDaily.group, "treatment")));
      expect(detail).toHaveLength(3);
      expect(daily.filter((r) => r.date >= daysAgo(652) && r.date <= daysAgo(650)).sort((a, b) => a.date.localeCompare(b.date))).toEqual(detail);
    });

    it.each([
      ["an unknown field", () => ({ rows: [outcome(), outcome({ channel: "sms", email: "ann@example.com" })] }), "rows.1.email", "rows.1.email: is not a field of this request"],
      ["a negative count", () => ({ rows: [outcome({ reached: -1 })] }), "rows.0.reached", "rows.0.reached: must be a whole number of at least 0"],
      ["a negative optional count", () => ({ rows: [outcome({ clicks: -5 })] }), "rows.0.clicks", "rows.0.clicks: must be a whole number of at least 0"],
      [
        "conversions above reached",
        () => ({ rows: [outcome(), outcome({ channel: "sms", reached: 10, conversions: 11 })] }),
        "rows.1.conversions",
        "rows.1.conversions: must not be more than reached",
      ],
      ["an unknown channel", () => ({ rows: [outcome({ channel: "fax" })] }), "rows.0.channel", expect.stringMatching(/^rows\.0\.channel: must be one of email, web/)],
      ["an unknown group", () => ({ rows: [outcome({ group: "control" })] }), "rows.0.group", "rows.0.group: must be one of treatment, holdout"],
      ["a date in the future", () => ({ rows: [outcome({ date: daysAgo(-2) })] }), "rows.0.date", "rows.0.date: must not be in the future"],
      ["a date that is none", () => ({ rows: [outcome({ date: "2026-02-30" })] }), "rows.0.date", "rows.0.date: must be a date (YYYY-MM-DD)"],
      ["a missing field", () => ({ rows: [{ ...outcome(), currency: undefined }] }), "rows.0.currency", "rows.0.currency: is required"],
      ["an empty batch", () => ({ rows: [] }), "rows", "rows: send at least one row"],
    ])("refuses %s with a 400 naming the row and field, storing nothing", async (_, body, field, error) => {
      const db = getDb();
      const before = (await outcomesOf(db, other.id)).length;
      const res = await post(outcomesPost, db, body(), other.token);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error, code: "BAD_REQUEST", field });
      expect(await outcomesOf(db, other.id)).toHaveLength(before);
    });

    it("refuses an unknown segment and a key sent twice, naming the row, storing nothing of the batch", async () => {
      const db = getDb();
      const unknown = await post(outcomesPost, db, { rows: [outcome({ date: daysAgo(9) }), outcome({ date: daysAgo(9), segment: "no_such_segment" })] }, other.token);
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toEqual({ error: 'rows.1.segment: no segment has the key "no_such_segment"', code: "BAD_REQUEST", field: "rows.1.segment" });
      const twice = await post(
        outcomesPost,
        db,
        { rows: [outcome({ date: daysAgo(9) }), outcome({ date: daysAgo(8) }), outcome({ date: daysAgo(9), reached: 5, conversions: 0 })] },
        other.token,
      );
      expect(twice.status).toBe(400);
      expect(await twice.json()).toMatchObject({ field: "rows.2", error: expect.stringContaining("repeats the key") });
      expect((await outcomesOf(db, other.id)).filter((r) => r.date === daysAgo(9) || r.date === daysAgo(8))).toEqual([]);
    });

    it("takes 10,000 rows in one call and refuses 10,001 with a 413 before any work; a token without metrics:write gets a 403", async () => {
      const db = getDb();
      const channels = ["email", "web", "mobile_app", "push", "sms", "paid_social", "display", "call_centre"];
      const rows = Array.from({ length: MAX_METRIC_ROWS }, (_, i) =>
        outcome({
          date: daysAgo(10 + Math.floor(i / 16)),
          channel: channels[i % 8],
          group: i % 16 < 8 ? "treatment" : "holdout",
          reached: 500 + (i % 97),
          conversions: i % 13,
          revenue: i / 4,
        }),
      );
      const res = await post(outcomesPost, db, { rows }, writer.token);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: MAX_METRIC_ROWS, replaced: 0, from: daysAgo(10 + 624), to: daysAgo(10) });
      const over = await post(outcomesPost, db, { rows: [...rows, outcome()] }, writer.token);
      expect(over.status).toBe(413);
      expect(await over.json()).toMatchObject({ field: "rows", code: "PAYLOAD_TOO_LARGE" });
      expect((await post(outcomesPost, db, { rows: [outcome()] }, reader.token)).status).toBe(403);
    });
  });

  describe("consent", () => {
    const consentOf = (db: Db, tokenId: string) => db.select().from(consentMetrics).where(eq(consentMetrics.tokenId, tokenId));

    it("stores a batch with and without source and jurisdiction, audits it once, and replaces rows posted again", async () => {
      const db = getDb();
      const rows = [consent(), consent({ source: sourceKey, jurisdiction: "EU" }), consent({ date: daysAgo(4), purpose: "marketing.sms" })];
      const res = await post(consentPost, db, { rows }, writer.token);
      expect(await res.json()).toEqual({ accepted: 3, replaced: 0, from: daysAgo(4), to: daysAgo(3) });
      const again = await post(consentPost, db, { rows: [consent({ source: sourceKey, jurisdiction: "EU", withdrawals: 9 })] }, writer.token);
      expect(await again.json()).toMatchObject({ accepted: 1, replaced: 1 });
      const stored = await consentOf(db, writer.id);
      expect(stored).toHaveLength(3);
      expect(stored.find((r) => r.source === sourceKey)).toMatchObject({ jurisdiction: "EU", withdrawals: 9, consented: 5000 });
      expect(stored.filter((r) => r.source === "" && r.jurisdiction === "")).toHaveLength(2);
      const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "metrics.consent_ingested"));
      expect(audits.map((a) => a.after)).toEqual([
        { rows: 3, replaced: 0, from: daysAgo(4), to: daysAgo(3) },
        { rows: 1, replaced: 1, from: daysAgo(3), to: daysAgo(3) },
      ]);
    });

    it.each([
      ["an unknown field", () => ({ rows: [consent({ customerId: "c-1" })] }), "rows.0.customerId", "rows.0.customerId: is not a field of this request"],
      ["a negative count", () => ({ rows: [consent(), consent({ withdrawals: -2 })] }), "rows.1.withdrawals", "rows.1.withdrawals: must be a whole number of at least 0"],
      ["a date in the future", () => ({ rows: [consent({ date: daysAgo(-2) })] }), "rows.0.date", "rows.0.date: must not be in the future"],
      ["an unknown jurisdiction", () => ({ rows: [consent({ jurisdiction: "Atlantis" })] }), "rows.0.jurisdiction", expect.stringMatching(/^rows\.0\.jurisdiction: must be one of EU, UK/)],
      [
        "an unknown purpose",
        () => ({ rows: [consent({ purpose: "marketing.carrier_pigeon" })] }),
        "rows.0.purpose",
        'rows.0.purpose: no consent purpose has the key "marketing.carrier_pigeon"',
      ],
      ["an unknown source", () => ({ rows: [consent(), consent({ source: "nowhere" })] }), "rows.1.source", 'rows.1.source: no data source has the key "nowhere"'],
    ])("refuses %s with a 400 naming the row and field", async (_, body, field, error) => {
      const db = getDb();
      const res = await post(consentPost, db, body(), other.token);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error, code: "BAD_REQUEST", field });
      expect(await consentOf(db, other.id)).toEqual([]);
    });
  });
});
