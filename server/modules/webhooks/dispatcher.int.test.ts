import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { webhookAttempts, webhookDeliveries } from "@/server/db/schema";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import type { SessionUser } from "@/server/auth/identity";
import { deliverDueWebhooks, failExpiredDeliveries } from "./dispatcher";
import type { RetryPolicy } from "./retry";

/** A receiver on loopback that answers with the next status of a script (the last one repeats). */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
async function receiver(script: Array<number | "hang">) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const step = script[Math.min(received.length - 1, script.length - 1)]!;
      if (step === "hang") return;
      res.writeHead(step).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())).then(() => server.closeAllConnections()) };
}

/** Verifies a delivery the way the README tells receivers to, written independently of signing.ts. */
function verify(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const FAST: RetryPolicy = { baseMs: 1_000, capMs: 4_000, windowMs: 10_000, jitter: 0 };

describeEachDb("webhook dispatcher", (getDb) => {
  let admin: SessionUser;
  const receivers: Array<{ close: () => Promise<void> }> = [];
  beforeAll(async () => {
    admin = await makeUser(getDb(), ["admin"]);
    await callerFor(getDb(), admin).webhooks.setAllowPrivate({ allow: true });
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
  });

  async function endpointWith(script: Array<number | "hang">) {
    const r = await receiver(script);
    receivers.push(r);
    const { id, secret } = await callerFor(getDb(), admin).webhooks.create({ url: r.url, events: ["segment.paused"] });
    const { deliveryId, eventId } = await callerFor(getDb(), admin).webhooks.sendTest({ id });
    return { ...r, endpointId: id, secret, deliveryId, eventId };
  }

  const deliveryOf = async (id: string) => (await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
  const attemptsOf = (id: string) => getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(webhookAttempts.attempt);

  it("signs each delivery so that an independent HMAC-SHA256 check accepts it, and a tampered body fails it", async () => {
    const r = await endpointWith([200]);
    await deliverDueWebhooks(getDb(), { retry: FAST });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    const header = got.headers["steward-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.headers["steward-event-id"]).toBe(r.eventId);
    expect(got.headers["steward-event-type"]).toBe("webhook.test");
    expect(got.headers["content-type"]).toBe("application/json");
    const now = Math.floor(Date.now() / 1000);
    expect(verify(r.secret, header, got.body, now)).toBe(true);
    expect(verify(r.secret, header, got.body.replace("Test", "Jest"), now)).toBe(false);
    expect(verify("whsec_wrong", header, got.body, now)).toBe(false);
    // Outside the replay window the same signature is refused.
    expect(verify(r.secret, header, got.body, now + 301)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ id: r.eventId, type: "webhook.test" });
    expect((await deliveryOf(r.deliveryId)).status).toBe("delivered");
  });

  it("retries with backoff after failures and delivers on the third try, logging every attempt", async () => {
    const r = await endpointWith([500, 503, 204]);
    let clock = new Date();
    const now = () => clock;
    expect(await deliverDueWebhooks(getDb(), { now, retry: FAST })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const first = await deliveryOf(r.deliveryId);
    expect(first.nextAttemptAt.getTime() - clock.getTime()).toBeGreaterThanOrEqual(1_000);
    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks(getDb(), { now, retry: FAST })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    clock = new Date(clock.getTime() + 1_100);
    expect(await deliverDueWebhooks(getDb(), { now, retry: FAST })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    // The second wait is twice the first.
    const second = await deliveryOf(r.deliveryId);
    expect(second.nextAttemptAt.getTime() - clock.getTime()).toBeGreaterThanOrEqual(2_000);
    clock = new Date(clock.getTime() + 2_100);
    expect(await deliverDueWebhooks(getDb(), { now, retry: FAST })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const done = await deliveryOf(r.deliveryId);
    expect(done).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null });
    expect((await attemptsOf(r.deliveryId)).map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 503, "HTTP 503"],
      [3, 204, null],
    ]);
    // The same event id on every try: the receiver deduplicates on it.
    expect(new Set(r.received.map((x) => x.headers["steward-event-id"]))).toEqual(new Set([r.eventId]));
    expect(r.received.map((x) => x.headers["steward-delivery-attempt"])).toEqual(["1", "2", "3"]);
  });

  it("marks a delivery failed once the retry window is over", async () => {
    const r = await endpointWith([500]);
    let clock = new Date();
    const now = () => clock;
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await deliverDueWebhooks(getDb(), { now, retry: FAST }));
      clock = new Date(clock.getTime() + 4_100);
    }
    const d = await deliveryOf(r.deliveryId);
    expect(d.status).toBe("failed");
    expect(d.lastStatusCode).toBe(500);
    // Tries at 0, 4.1 and 8.2 s on the test's clock; the next after the third (4 s later) would
    // start past the 10 s window, so the third marks it failed and nothing more is sent.
    expect(d.attempts).toBe(3);
    expect(outcomes.map((o) => o.failed)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(r.received).toHaveLength(3);
  });

  it("gives up on a receiver that does not answer within the timeout and retries later", async () => {
    const r = await endpointWith(["hang"]);
    const result = await deliverDueWebhooks(getDb(), { retry: FAST, timeoutMs: 300 });
    expect(result.retrying).toBe(1);
    const [a] = await attemptsOf(r.deliveryId);
    expect(a!.error).toMatch(/no answer within 0.3 s/);
    expect(a!.statusCode).toBeNull();
    // Its retry would otherwise fall due during the next test.
    await callerFor(getDb(), admin).webhooks.setEnabled({ id: r.endpointId, enabled: false });
  });

  it("fails pending deliveries older than the window (a disabled endpoint's included)", async () => {
    const r = await endpointWith([200]);
    await callerFor(getDb(), admin).webhooks.setEnabled({ id: r.endpointId, enabled: false });
    expect(await deliverDueWebhooks(getDb(), { retry: FAST })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await failExpiredDeliveries(getDb(), new Date(Date.now() + 11_000), FAST)).toBeGreaterThanOrEqual(1);
    expect((await deliveryOf(r.deliveryId)).status).toBe("failed");
    expect(r.received).toHaveLength(0);
  });
});
