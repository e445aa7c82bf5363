import http from "node:http";
import type { AddressInfo } from "node:net";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test, type APIRequestContext } from "./support/test";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// Security headers, framing, and who the server believes the client is (issue 17, items 3–4).
// playwright.config.ts trusts 127.0.0.2 as a proxy (STEWARD_TRUSTED_PROXIES); the browser and
// Playwright's request contexts connect from 127.0.0.1, which is no proxy of ours.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const auditor = { name: `Hal Headers ${run}`, email: `hal.${run}@example.test`, password: "hal auditor passphrase" };

/** A signed-in API client (no browser: what is tested here is headers, not the sign-in page). */
async function signedInClient(baseURL: string, who: { email: string; password: string }): Promise<APIRequestContext> {
  const client = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
  const res = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, callbackUrl: `${baseURL}/` },
    headers: { origin: baseURL },
    maxRedirects: 0,
  });
  expect(res.headers()["location"], `sign-in of ${who.email}`).toBe(`${baseURL}/`);
  return client;
}

test.beforeAll(async ({ request, baseURL }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const client = await signedInClient(baseURL!, admin);
  await createPerson(client, { ...auditor, roles: ["auditor"] });
  await client.dispose();
});

function expectSecurityHeaders(headers: Record<string, string>, kind: "page" | "api" = "page") {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  // Pages run Next.js's scripts by nonce; API answers are data and may load nothing at all.
  if (kind === "page") expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
  else expect(csp).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  // Served over plain HTTP here, so no HSTS (a browser would ignore it anyway).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("a page carries the security headers, and its scripts the response's own nonce", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expectSecurityHeaders(first.headers());
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
  const nonce = nonceOf(first.headers()["content-security-policy"]!);
  expect(nonceOf(second.headers()["content-security-policy"]!)).not.toBe(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("an API route and a CSV download carry them too", async ({ baseURL }) => {
  const client = await signedInClient(baseURL!, auditor);
  expectSecurityHeaders((await client.get("/api/trpc/auth.me")).headers(), "api");
  const created = await mutate<{ id: string }>(client, "audit.exports.create", { format: "csv", filters: { action: "user.created" } });
  const csv = await client.get(`/api/audit/exports/${created.id}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectSecurityHeaders(csv.headers(), "api");
  await client.dispose();
});

test.describe("framing", () => {
  // The refusal itself is reported as a violation, on the framing page.
  test.use({ allowedCspViolations: [/frame-ancestors/] });

  test("the sign-in page does not render inside a cross-site iframe", async ({ page, baseURL }) => {
    const refusals: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors")) refusals.push(m.text());
    });
    // Another site on this machine (127.0.0.1 is a different site from localhost); a local one,
    // since Chromium keeps public pages from framing local addresses at all.
    const attacker = http.createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<!doctype html><title>Win a prize</title><iframe src="${baseURL}/sign-in" width="600" height="400"></iframe>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      await expect.poll(() => refusals.length).toBeGreaterThan(0);
      await expect(page.frameLocator("iframe").getByLabel("Email")).toHaveCount(0);
    } finally {
      attacker.closeAllConnections();
      await new Promise((resolve) => attacker.close(resolve));
    }
  });
});

/** A raw HTTP request from a chosen loopback address, so a test can play a proxy or a stranger. */
function requestFrom(localAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, localAddress, family: 4 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A password sign-in through next-auth as a browser form would post it; returns where it sends you. */
async function signInFrom(localAddress: string, origin: string, email: string, password: string, headers: Record<string, string> = {}) {
  const host = origin.replace("localhost", "127.0.0.1");
  const csrf = await requestFrom(localAddress, `${host}/api/auth/csrf`, { headers });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const body = new URLSearchParams({ csrfToken: JSON.parse(csrf.body).csrfToken, email, password, callbackUrl: `${origin}/` }).toString();
  const res = await requestFrom(localAddress, `${host}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, cookie, origin, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return decodeURIComponent(String(res.headers.location ?? ""));
}

async function failedSignIns(req: APIRequestContext, email: string) {
  const { events } = await query<{ events: Array<{ ip: string | null; requestId: string | null }> }>(req, "audit.list", {
    action: "auth.sign_in_failed",
    actor: email,
    limit: 50,
  });
  return events;
}

test("HSTS is sent when a trusted proxy says the client used HTTPS, and only then", async ({ baseURL }) => {
  const url = `${baseURL!.replace("localhost", "127.0.0.1")}/sign-in`;
  const viaProxy = await requestFrom("127.0.0.2", url, { headers: { "x-forwarded-proto": "https" } });
  expect(viaProxy.headers["strict-transport-security"]).toBe("max-age=31536000");
  expect(viaProxy.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  const stranger = await requestFrom("127.0.0.3", url, { headers: { "x-forwarded-proto": "https" } });
  expect(stranger.headers["strict-transport-security"]).toBeUndefined();
});

test.describe("the client address and request id", () => {
  test("forged X-Forwarded-For and X-Request-Id from a client reach neither the limit nor the audit trail", async ({ baseURL }) => {
    const victim = `nobody-a.${run}@example.test`;
    // 127.0.0.3 is not a trusted proxy: a new forged address per attempt changes nothing.
    for (let i = 0; i < 20; i++) {
      await signInFrom("127.0.0.3", baseURL!, victim, "guess-guess-guess", { "x-forwarded-for": `=2+${i}`, "x-request-id": `=2+${i}` });
    }
    const limited = await signInFrom("127.0.0.3", baseURL!, auditor.email, auditor.password, { "x-forwarded-for": "198.51.100.99" });
    expect(limited).toContain("Too many failed sign-in attempts");

    const client = await signedInClient(baseURL!, auditor); // from 127.0.0.1, which the limit above does not touch
    const events = await failedSignIns(client, victim);
    expect(events).toHaveLength(20);
    for (const e of events) {
      expect(e.ip).toBe("127.0.0.3");
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    await client.dispose();
  });

  test("a trusted proxy names the client, which the limit and the audit trail then use", async ({ baseURL }) => {
    const victim = `nobody-b.${run}@example.test`;
    // 127.0.0.2 is the trusted proxy; it appends the address it saw after whatever the client sent.
    for (let i = 0; i < 20; i++) {
      await signInFrom("127.0.0.2", baseURL!, victim, "guess-guess-guess", { "x-forwarded-for": `6.6.6.${i}, 203.0.113.50`, "x-request-id": `proxy-req-${i}` });
    }
    const limited = await signInFrom("127.0.0.2", baseURL!, auditor.email, auditor.password, { "x-forwarded-for": "203.0.113.50" });
    expect(limited).toContain("Too many failed sign-in attempts");
    // Another client behind the same proxy is not locked out by the first one's failures.
    const other = await signInFrom("127.0.0.2", baseURL!, auditor.email, auditor.password, { "x-forwarded-for": "203.0.113.51" });
    expect(other).not.toContain("error=");

    const client = await signedInClient(baseURL!, auditor);
    const events = await failedSignIns(client, victim);
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set(["203.0.113.50"]));
    expect(events.map((e) => e.requestId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `proxy-req-${i}`).sort());
    await client.dispose();
  });
});
