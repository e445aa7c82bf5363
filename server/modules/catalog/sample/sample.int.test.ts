import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import type { SessionUser } from "@/server/auth/identity";
import { BUSINESS_GOALS, CHANNELS, FIDELITIES, IDENTIFIABILITIES, SIGNAL_KINDS, VALUE_TYPES } from "@/domain/vocab";

describeEachDb("sample workspace", (getDb) => {
  let admin: SessionUser;
  let counts: { sources: number; signals: number; segments: number; people: number };
  const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await getDb().execute(query));
  const distinct = async (column: string, table: string) => (await q<{ v: string }>(sql.raw(`SELECT DISTINCT ${column}::text AS v FROM ${table}`))).map((r) => r.v).sort();

  beforeAll(async () => {
    admin = await makeUser(getDb(), ["admin"]);
    expect((await callerFor(getDb(), admin).dashboard.summary()).catalogEmpty).toBe(true);
    counts = await callerFor(getDb(), admin).setup.loadSample();
  }, 120_000);

  it("loads sources from every required system across EU and US jurisdictions", async () => {
    expect(counts.sources).toBeGreaterThanOrEqual(6);
    const types = await distinct("system_type", "data_sources");
    for (const t of ["crm", "web_analytics", "email_service", "consent_platform", "point_of_sale", "survey_tool"]) expect(types).toContain(t);
    const jurisdictions = (await q<{ j: string }>(sql`SELECT DISTINCT unnest(jurisdictions) AS j FROM data_sources`)).map((r) => r.j);
    expect(jurisdictions).toEqual(expect.arrayContaining(["EU", "US"]));
  });

  it("loads signals of every kind, fidelity, identifiability and value type", async () => {
    expect(counts.signals).toBeGreaterThanOrEqual(60);
    expect(await distinct("kind", "signals")).toEqual([...SIGNAL_KINDS].sort());
    expect(await distinct("fidelity", "signals")).toEqual([...FIDELITIES].sort());
    expect(await distinct("identifiability", "signals")).toEqual([...IDENTIFIABILITIES].sort());
    expect(await distinct("value_type", "signals")).toEqual([...VALUE_TYPES].sort());
    const special = await q<{ key: string }>(sql`SELECT s.key FROM signals s JOIN data_categories c ON c.id = s.category_id WHERE c.is_special_category`);
    expect(special.length).toBeGreaterThanOrEqual(3);
    const noProvenance = await q<{ key: string }>(sql`SELECT key FROM signals s WHERE NOT EXISTS (SELECT 1 FROM signal_consents sc WHERE sc.signal_id = s.id)`);
    expect(noProvenance).toEqual([]);
  });

  it("loads segments for every goal and channel, some derived two levels deep", async () => {
    expect(counts.segments).toBeGreaterThanOrEqual(30);
    expect(await distinct("business_goal", "segments")).toEqual([...BUSINESS_GOALS].sort());
    const channels = (await q<{ c: string }>(sql`SELECT DISTINCT unnest(channels)::text AS c FROM segments`)).map((r) => r.c).sort();
    expect(channels).toEqual([...CHANNELS].sort());
    const modes = (await q<{ mode: string }>(sql`SELECT DISTINCT mode FROM segment_parent_inputs`)).map((r) => r.mode).sort();
    expect(modes).toEqual(["exclude", "include"]);
    // A segment whose parent itself has a parent.
    const deep = await q<{ key: string }>(sql`
      SELECT DISTINCT s.key FROM segments s
      JOIN segment_parent_inputs p1 ON p1.segment_id = s.id
      JOIN segment_parent_inputs p2 ON p2.segment_id = p1.parent_segment_id`);
    expect(deep.length).toBeGreaterThanOrEqual(2);
    // Every segment went through the service: a head version and owner exist.
    const orphans = await q<{ key: string }>(sql`SELECT key FROM segments WHERE head_version_id IS NULL`);
    expect(orphans).toEqual([]);
  });

  it("contains segments whose declared purposes their inputs were not collected for", async () => {
    // Declared purposes missing from the consent provenance of any input, directly or through parents.
    const problems = await q<{ key: string }>(sql`
      WITH RECURSIVE reach(root, seg) AS (
        SELECT id, id FROM segments
        UNION
        SELECT r.root, p.parent_segment_id FROM reach r JOIN segment_parent_inputs p ON p.segment_id = r.seg
      )
      SELECT DISTINCT s.key FROM segments s
      JOIN reach r ON r.root = s.id
      JOIN segment_signal_inputs i ON i.segment_id = r.seg
      CROSS JOIN unnest(s.purpose_ids) AS declared(purpose_id)
      WHERE NOT EXISTS (SELECT 1 FROM signal_consents sc WHERE sc.signal_id = i.signal_id AND sc.purpose_id = declared.purpose_id)
      ORDER BY s.key`);
    const keys = problems.map((p) => p.key);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys).toEqual(expect.arrayContaining(["flash_sale_sms_clickers", "us_lookalike_seed_high_intent", "expecting_parents", "lapsed_paid_social"]));
    // The policy engine found them too.
    const blocked = await q<{ key: string }>(sql`
      SELECT DISTINCT s.key FROM segment_findings f JOIN segments s ON s.id = f.segment_id WHERE f.policy_key = 'purpose_not_consented'`);
    expect(blocked.map((b) => b.key).sort()).toEqual(keys);
  });

  it("gives segments to sample people who cannot sign in", async () => {
    const people = await q<{ email: string; has_password: boolean; segments: number }>(sql`
      SELECT u.email, u.password_hash IS NOT NULL AS has_password, (SELECT count(*)::int FROM segments s WHERE s.owner_id = u.id) AS segments
      FROM users u WHERE u.email LIKE '%@lumenandloom.example'`);
    expect(people).toHaveLength(3);
    expect(people.every((p) => !p.has_password)).toBe(true);
    expect(people.some((p) => p.segments > 0)).toBe(true);
  });

  it("audits every row and the load itself", async () => {
    const events = await q<{ action: string; n: number }>(sql`SELECT action, count(*)::int AS n FROM audit_events GROUP BY action`);
    const n = (action: string) => events.find((e) => e.action === action)?.n ?? 0;
    expect(n("source.created")).toBe(counts.sources);
    expect(n("signal.created")).toBe(counts.signals);
    expect(n("segment.created")).toBe(counts.segments);
    expect(n("user.created")).toBe(3);
    expect(n("sample_workspace.loaded")).toBe(1);
    const [loaded] = await q<{ actor_id: string; after: Record<string, unknown> }>(sql`SELECT actor_id, after FROM audit_events WHERE action = 'sample_workspace.loaded'`);
    expect(loaded!.actor_id).toBe(admin.id);
    expect(loaded!.after).toMatchObject({ sources: counts.sources, signals: counts.signals, segments: counts.segments });
  });

  it("reports 180 days of outcomes: a clear lift for one segment, none for another, and small cells withheld", async () => {
    const [rows] = await q<{ n: number; days: number }>(sql`SELECT count(*)::int AS n, count(DISTINCT date)::int AS days FROM outcome_metrics`);
    expect(rows).toMatchObject({ days: 180 });
    const id = async (key: string) => (await q<{ id: string }>(sql`SELECT id FROM segments WHERE key = ${key}`))[0]!.id;
    const month = async (key: string) => callerFor(getDb(), admin).metrics.performance({ segmentId: await id(key), period: "month" });
    const clear = (await month("active_members")).lift.total;
    expect(clear.low).toMatchObject({ released: true });
    expect(clear.low.released && clear.low.value).toBeGreaterThan(0.3);
    const none = (await month("high_value_members")).lift.total;
    expect(none.low.released && none.high.released && none.low.value < 0 && none.high.value > 0).toBe(true);
    // Its second channel reaches about k/30 a day: every week of it is "fewer than k".
    const weeks = await callerFor(getDb(), admin).metrics.performance({ segmentId: await id("high_value_members"), period: "week" });
    expect(weeks.byChannel[1]!.cells.every((c) => !c.reached.released && c.reached.reason === "threshold")).toBe(true);
    const [rollup] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM outcome_daily`);
    expect(rollup!.n).toBeGreaterThan(0);
    // One segment reports with noise only: nothing is shown until someone releases, within its budget.
    const noisy = await callerFor(getDb(), admin).metrics.performance({ segmentId: await id("at_risk_high_value"), period: "week" });
    expect(noisy.privacy).toMatchObject({ differentialPrivacy: true, source: "segment", spent: 0, canRelease: true });
    expect(noisy.noisyRelease).toBeNull();
    const released = await callerFor(getDb(), admin).metrics.releaseWithNoise({ segmentId: await id("at_risk_high_value"), period: "week" });
    expect(released.totals.total.reached).toMatchObject({ released: true });
  });

  it("refuses a second load and leaves the catalog as it was", async () => {
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`);
    const err = await callerFor(getDb(), admin)
      .setup.loadSample()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect(await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
    expect((await callerFor(getDb(), admin).dashboard.summary()).catalogEmpty).toBe(false);
  });

  it("is for admins only", async () => {
    const steward = await makeUser(getDb(), ["steward"]);
    const err = await callerFor(getDb(), steward)
      .setup.loadSample()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((err as TRPCError).code).toBe("FORBIDDEN");
  });
});

describeEachDb("sample workspace after a failure", (getDb) => {
  it("leaves nothing half-loaded, then loads once the cause is fixed", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    // A retired purpose makes a signal half-way through the load invalid.
    await db.execute(sql`UPDATE consent_purposes SET retired_at = now() WHERE key = 'tcf.limited_data_ads'`);
    const err = await callerFor(db, admin)
      .setup.loadSample()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    const [left] = rowsOf<{ sources: number; signals: number; people: number; events: number }>(
      await db.execute(sql`SELECT
        (SELECT count(*)::int FROM data_sources) AS sources,
        (SELECT count(*)::int FROM signals) AS signals,
        (SELECT count(*)::int FROM users WHERE email LIKE '%@lumenandloom.example') AS people,
        (SELECT count(*)::int FROM audit_events) AS events`),
    );
    expect(left).toEqual({ sources: 0, signals: 0, people: 0, events: 0 });

    await db.execute(sql`UPDATE consent_purposes SET retired_at = NULL WHERE key = 'tcf.limited_data_ads'`);
    expect((await callerFor(db, admin).setup.loadSample()).segments).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
