import { expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { CONNECTION_LOST_MESSAGE } from "@/server/errors";
import { AdmissionLimiter, BUSY_MESSAGE } from "@/server/http/admission";
import { describeEachDb } from "@/server/testing/db";
import { makeUser } from "@/server/testing/fixtures";
import { createInnerContext } from "./context";
import { handleTrpcRequest } from "./http";

const BASE = "http://steward.test/api/trpc";
const terminated = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

/** The real database, except that its first `failures` selects fail as a terminated backend's would. */
function flaky(db: Db, failures: number) {
  let calls = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "select")
        return (...args: unknown[]) => {
          if (calls++ < failures) throw terminated();
          return (target.select as (...a: unknown[]) => unknown)(...args);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: wrapped, calls: () => calls };
}

describeEachDb("overload and lost connections over HTTP", (getDb) => {
  it("a full limiter answers every call of a batch with 503, Retry-After and a clear message, in tRPC's shape", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const admission = new AdmissionLimiter({ maxConcurrent: 1, maxQueued: 0, queueTimeoutMs: 1000 });
    const held = await admission.acquire();
    const req = new Request(`${BASE}/auth.me,auth.me?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null }, 1: { json: null } }))}`);
    const res = await handleTrpcRequest(req, async () => createInnerContext({ db: getDb(), user: admin }), { admission });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    const body = (await res.json()) as Array<{ error: { json: { message: string; data: { domainCode: string } } } }>;
    expect(body.map((b) => [b.error.json.message, b.error.json.data.domainCode])).toEqual([
      [BUSY_MESSAGE, "UNAVAILABLE"],
      [BUSY_MESSAGE, "UNAVAILABLE"],
    ]);
    held();
    const again = await handleTrpcRequest(new Request(`${BASE}/auth.me`), async () => createInnerContext({ db: getDb(), user: admin }), { admission });
    expect(again.status).toBe(200);
    expect(admission.running).toBe(0);
  });

  it("a read that lost its connection runs once more; lost twice, it is a 503 saying so, not a 500", async () => {
    const admin = await makeUser(getDb(), ["admin"]);
    const once = flaky(getDb(), 1);
    const ok = await handleTrpcRequest(new Request(`${BASE}/users.list`), async () => createInnerContext({ db: once.db, user: admin }));
    expect(ok.status).toBe(200);
    expect(once.calls()).toBeGreaterThanOrEqual(2);

    const always = flaky(getDb(), 1000);
    const res = await handleTrpcRequest(new Request(`${BASE}/users.list`), async () => createInnerContext({ db: always.db, user: admin }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    const { message, data } = (await res.json()).error.json;
    expect(message).toBe(CONNECTION_LOST_MESSAGE);
    expect(data.domainCode).toBe("UNAVAILABLE");
    expect(always.calls()).toBe(2);
  });
});
