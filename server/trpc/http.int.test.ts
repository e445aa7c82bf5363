import superjson from "superjson";
import { expect, it } from "vitest";
import { describeEachDb } from "@/server/testing/db";
import { makeUser } from "@/server/testing/fixtures";
import { createInnerContext, type SessionUser } from "./context";
import { handleTrpcRequest } from "./http";
import { INTERNAL_ERROR_MESSAGE } from "./init";
import type { Db } from "@/server/db/client";

const BASE = "http://steward.test/api/trpc";

function post(db: Db, user: SessionUser | null, path: string, input: unknown) {
  const req = new Request(`${BASE}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  return handleTrpcRequest(req, async () => createInnerContext({ db, user }));
}

describeEachDb("the HTTP API", (getDb) => {
  it("answers 401 when signed out and 403 naming the permission when not allowed", async () => {
    const anon = await post(getDb(), null, "users.create", {});
    expect(anon.status).toBe(401);
    const marketer = await makeUser(getDb(), ["marketer"]);
    const res = await post(getDb(), marketer, "users.create", { email: "x@example.test", name: "X", password: "long enough password", roles: ["admin"] });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.json.message).toContain('"user:manage"');
    expect(body.error.json.data.stack).toBeUndefined();
  });

  it("puts validation messages on the fields", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const res = await post(getDb(), admin, "users.create", { email: "not-an-email", name: "", password: "short", roles: [] });
    expect(res.status).toBe(400);
    const { fieldErrors } = (await res.json()).error.json.data;
    expect(fieldErrors.email[0]).toBe("Enter a valid email address.");
    expect(fieldErrors.name[0]).toBe("Enter a name.");
    expect(fieldErrors.password[0]).toBe("Use at least 12 characters.");
    expect(fieldErrors.roles[0]).toBe("Choose at least one role.");
  });

  it("maps domain errors once, with their field", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const input = { email: "dup@example.test", name: "Dup", password: "long enough password", roles: ["marketer"] };
    expect((await post(getDb(), admin, "users.create", input)).status).toBe(200);
    const res = await post(getDb(), admin, "users.create", input);
    expect(res.status).toBe(409);
    const data = (await res.json()).error.json.data;
    expect(data).toMatchObject({ domainCode: "CONFLICT", field: "email" });
  });

  it("hides internal errors behind a plain message", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const broken = {
      select: () => {
        throw new Error("connection string postgres://secret@db leaked");
      },
    } as unknown as Db;
    const req = new Request(`${BASE}/users.list`);
    const res = await handleTrpcRequest(req, async () => createInnerContext({ db: broken, user: admin }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain(INTERNAL_ERROR_MESSAGE);
    expect(text).not.toContain("secret@db");
  });

  it("refuses a batch larger than the cap", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const paths = Array.from({ length: 21 }, () => "auth.me").join(",");
    const inputs = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, { json: null }]));
    const req = new Request(`${BASE}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`);
    const res = await handleTrpcRequest(req, async () => createInnerContext({ db: getDb(), user: admin }));
    expect(res.status).toBe(400);
    const ok = new Request(`${BASE}/auth.me,auth.me?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null } }))}`);
    expect((await handleTrpcRequest(ok, async () => createInnerContext({ db: getDb(), user: admin }))).status).toBe(200);
  });
});
