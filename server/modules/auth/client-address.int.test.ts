import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditEvents } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { parseTrustedProxies, resolveClientIp } from "@/server/http/trusted-proxies";
import { describeEachDb } from "@/server/testing/db";
import { makeUser, TEST_PASSWORD } from "@/server/testing/fixtures";
import { signInWithPassword } from "./service";

// The sign-in limiter and the audit trail, fed the address clientIp() derives from a request
// whose X-Forwarded-For the sender chose (issue 17: a new value per attempt bypassed the limit).
const fromRequest = (socket: string, forwardedFor: string, proxies = parseTrustedProxies(undefined)) => ({
  ip: resolveClientIp(socket, forwardedFor, proxies),
  userAgent: "vitest",
  requestId: null,
});

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describeEachDb("the client address behind the sign-in limit and the audit trail", (getDb) => {
  it("a new X-Forwarded-For per attempt does not escape the per-IP limit when no proxy is trusted", async () => {
    for (let i = 0; i < 20; i++) {
      await codeOf(signInWithPassword(getDb(), { email: `spray-${i}@example.test`, password: "guess-guess-guess" }, fromRequest("192.0.2.77", `203.0.113.${i}`)));
    }
    const u = await makeUser(getDb(), ["auditor"]);
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, fromRequest("192.0.2.77", "198.51.100.250")))).toBe("RATE_LIMITED");
  });

  it("behind a trusted proxy, counts each client the proxy names, not the proxy", async () => {
    const proxy = parseTrustedProxies("10.0.0.0/8");
    for (let i = 0; i < 20; i++) {
      await codeOf(signInWithPassword(getDb(), { email: `spray2-${i}@example.test`, password: "guess-guess-guess" }, fromRequest("10.0.0.5", "198.51.100.77", proxy)));
    }
    const u = await makeUser(getDb(), ["auditor"]);
    // The attacker behind the proxy is limited; a colleague behind the same proxy is not.
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, fromRequest("10.0.0.5", "198.51.100.77", proxy)))).toBe("RATE_LIMITED");
    expect(await codeOf(signInWithPassword(getDb(), { email: u.email, password: TEST_PASSWORD }, fromRequest("10.0.0.5", "198.51.100.78", proxy)))).toBeNull();
  });

  it("a forged X-Forwarded-For never reaches the audit ip column", async () => {
    const u = await makeUser(getDb(), ["marketer"]);
    await codeOf(signInWithPassword(getDb(), { email: u.email, password: "wrong-password-x" }, fromRequest("192.0.2.88", "=2+5")));
    await codeOf(signInWithPassword(getDb(), { email: u.email, password: "wrong-password-y" }, fromRequest("10.0.0.6", "=2+5", parseTrustedProxies("1"))));
    const failed = await getDb()
      .select({ ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in_failed"), eq(auditEvents.actorLabel, u.email)));
    expect(failed.map((e) => e.ip).sort()).toEqual(["10.0.0.6", "192.0.2.88"]);
  });
});
