import { randomUUID } from "node:crypto";
import { eq, isNull, and } from "drizzle-orm";
import superjson from "superjson";
import { beforeAll, expect, it } from "vitest";
import { notifications } from "@/server/db/schema";
import type { Db } from "@/server/db/client";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { makeSource } from "@/server/testing/catalog";
import { createInnerContext, type SessionUser } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/trpc/http";
import { lineagePost } from "@/server/modules/lineage/http";
import { POST as evidencePost } from "@/app/api/segments/[id]/evidence/route";
import { PASSWORD_CHANGE_REQUIRED } from "@/server/auth/identity";

const APP = "http://steward.test";
const KB = 1024;

function trpc(db: Db, user: SessionUser | null, path: string, init: { body?: BodyInit | null; headers?: Record<string, string> }, opts = {}) {
  const req = new Request(`${APP}/api/trpc/${path}`, { method: "POST", duplex: "half", ...init } as RequestInit);
  return handleTrpcRequest(req, async () => createInnerContext({ db, user }), { appOrigin: APP, ...opts });
}
const json = (input: unknown) => ({ body: JSON.stringify(superjson.serialize(input)), headers: { "content-type": "application/json", origin: APP } });

async function unread(db: Db, user: SessionUser) {
  return (
    await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
  ).length;
}

describeEachDb("request limits and CSRF", (getDb) => {
  let victim: SessionUser;
  beforeAll(async () => {
    victim = await makeUser(getDb(), ["marketer"]);
  });
  const notify = (db: Db) => db.insert(notifications).values({ userId: victim.id, kind: "comment", title: "A comment on your request" });

  it("refuses multipart and urlencoded bodies to tRPC, even for procedures without input; the victim's data is unchanged", async () => {
    const db = getDb();
    await notify(db);
    const form = new FormData();
    form.set("x", "1");
    for (const path of ["notifications.markRead", "jobs.runScheduled", "audit.verify"]) {
      const res = await trpc(db, victim, path, { body: form, headers: { origin: APP } });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: "Send the request body as application/json.", code: "UNSUPPORTED_MEDIA_TYPE", field: "content-type" });
    }
    const urlencoded = await trpc(db, victim, "notifications.markRead", { body: new URLSearchParams({ a: "1" }) });
    expect(urlencoded.status).toBe(415);
    expect(await unread(db, victim)).toBe(1);
    // The same call as the app sends it works.
    expect((await trpc(db, victim, "notifications.markRead", json({}))).status).toBe(200);
    expect(await unread(db, victim)).toBe(0);
  });

  it("refuses a tRPC mutation from another origin (forged Origin, or a same-site page without one) with a 403", async () => {
    const db = getDb();
    await notify(db);
    const forged: Array<Record<string, string>> = [{ origin: "http://steward.test:8080" }, { origin: "https://evil.example" }, { "sec-fetch-site": "same-site" }];
    for (const headers of forged) {
      const res = await trpc(db, victim, "notifications.markRead", { body: json({}).body, headers: { "content-type": "application/json", ...headers } });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe("FORBIDDEN");
    }
    expect(await unread(db, victim)).toBe(1);
  });

  it("caps tRPC bodies: a declared length over the limit, a chunked body over it; one just under is served", async () => {
    const db = getDb();
    const limit = 64 * KB;
    const big = await trpc(
      db,
      victim,
      "notifications.markRead",
      { body: "{}", headers: { "content-type": "application/json", "content-length": String(100 * 1024 * KB) } },
      { maxBodyBytes: limit },
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "The request body is larger than 64 KB.", code: "PAYLOAD_TOO_LARGE", field: "body" });
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          sent += 8 * KB;
          c.enqueue(new TextEncoder().encode(" ".repeat(8 * KB)));
        },
      },
      { highWaterMark: 0 },
    );
    const chunked = await trpc(db, victim, "notifications.markRead", { body: endless, headers: { "content-type": "application/json" } }, { maxBodyBytes: limit });
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(limit + 8 * KB);
    // Just under the limit: padding a valid body with whitespace.
    const input = JSON.stringify(superjson.serialize({}));
    const padded = input + " ".repeat(limit - 1 - input.length);
    expect((await trpc(db, victim, "notifications.markRead", { body: padded, headers: { "content-type": "application/json" } }, { maxBodyBytes: limit })).status).toBe(200);
  });

  it("refuses unknown keys in a review comment with a 400 naming the key", async () => {
    const res = await trpc(getDb(), victim, "reviews.comment", json({ requestId: randomUUID(), body: "Looks fine", smuggled: "x".repeat(1000) }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("smuggled");
  });

  it("maps a taken key centrally to a conflict on the key field, with the key in the message", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    await makeSource(db, steward, { key: "loyalty_dup" });
    const err = await makeSource(db, steward, { key: "loyalty_dup" }).catch((e) => e);
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toBe('A data source with the key "loyalty_dup" already exists.');
    const res = await trpc(
      db,
      steward,
      "sources.create",
      json({
        key: "loyalty_dup",
        name: "Again",
        description: "",
        systemType: "crm",
        owner: "CRM",
        jurisdictions: ["EU"],
        retentionDays: 30,
        encryptedInTransit: true,
        encryptedAtRest: true,
        pseudonymised: false,
        consentCapturePoints: [],
        consentCaptureNotes: "",
      }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.json.data).toMatchObject({ domainCode: "CONFLICT", field: "key" });
  });

  it("route handlers: one error shape for sign-in, scope, path, origin and content type", async () => {
    const db = getDb();
    const steward = await makeUser(db, ["steward"]);
    const marketer = await makeUser(db, ["marketer"]);
    const call = (user: SessionUser | null, id: string, headers: Record<string, string> = {}, body?: BodyInit) =>
      evidencePost.run(
        new Request(`${APP}/api/segments/${id}/evidence`, { method: "POST", headers: { origin: APP, ...headers }, body }),
        { db, session: async () => ({ user }), appOrigin: APP },
        { id },
      );
    expect(await (await call(null, randomUUID())).json()).toEqual({ error: "Sign in to continue.", code: "UNAUTHORIZED", field: null });
    const forbidden = await call(marketer, randomUUID());
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toContain('"evidence:export"');
    // A temporary password still to be replaced allows no route, whatever the roles.
    const pending = await call({ ...steward, mustChangePassword: true }, randomUUID());
    expect(pending.status).toBe(403);
    expect(await pending.json()).toEqual({ error: PASSWORD_CHANGE_REQUIRED, code: "FORBIDDEN", field: null });
    expect(await (await call(steward, "not-a-uuid")).json()).toEqual({ error: "That segment was not found.", code: "NOT_FOUND", field: null });
    expect((await call(steward, randomUUID())).status).toBe(404);
    expect((await call(steward, randomUUID(), { origin: "https://evil.example" })).status).toBe(403);
    expect((await call(steward, randomUUID(), { "content-type": "application/x-www-form-urlencoded", "content-length": "3" }, "a=1")).status).toBe(415);
    // The route takes no body at all.
    expect((await call(steward, randomUUID(), { "content-type": "application/json" }, "{}")).status).toBe(413);
  });

  it("the machine API needs no Origin, is strict on the OpenLineage envelope but open on facets, and caps its body", async () => {
    const db = getDb();
    const admin = await makeUser(db, ["admin"]);
    const { token } = await callerFor(db, admin).tokens.create({ name: `limits-${randomUUID().slice(0, 8)}`, scopes: ["lineage:write"] });
    const event = (over: Record<string, unknown> = {}) => ({
      eventType: "COMPLETE",
      eventTime: "2026-11-29T10:15:00.000Z",
      run: { runId: randomUUID(), facets: { parent: { _producer: "https://x.test", job: { namespace: "a", name: "b" } } } },
      job: { namespace: "airflow", name: "limits", facets: { sql: { query: "select 1" } } },
      inputs: [{ namespace: "w", name: "orders", facets: { schema: { fields: [{ name: "id" }] } }, inputFacets: {} }],
      outputs: [{ namespace: "w", name: "scores", facets: { columnLineage: { fields: { id: { inputFields: [{ namespace: "w", name: "orders", field: "id" }] } } } }, outputFacets: {} }],
      producer: "https://example.com/airflow",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      ...over,
    });
    const send = (body: string, deps = {}) =>
      lineagePost.run(new Request(`${APP}/api/v1/lineage`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body }), { db, ...deps });
    expect((await send(JSON.stringify(event()))).status).toBe(201);
    const smuggled = await send(JSON.stringify(event({ payload: "x" })));
    expect(smuggled.status).toBe(400);
    expect(await smuggled.json()).toEqual({ error: "payload: is not a field of this request", code: "BAD_REQUEST", field: "payload" });
    const nested = await send(JSON.stringify(event({ job: { namespace: "a", name: "b", extra: 1 } })));
    expect((await nested.json()).field).toBe("job.extra");
    const big = JSON.stringify(event({ job: { namespace: "a", name: "b", facets: { blob: "x".repeat(70 * KB) } } }));
    expect((await send(big, { maxBodyBytes: 64 * KB })).status).toBe(413);
    expect((await send(big)).status).toBe(201);
  });
});
