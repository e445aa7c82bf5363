import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createPerson } from "./support/people";

// Request-body limits and CSRF against the production server (README, "Request limits and CSRF").

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const victim = { name: `Vic Steward ${run}`, email: `vic.${run}@example.test`, password: "vic steward passphrase" };
const requester = { name: `Rae Steward ${run}`, email: `rae.${run}@example.test`, password: "rae steward passphrase" };
const MB = 1024 * 1024;

async function call<T>(req: APIRequestContext, p: string, input?: unknown, method: "get" | "post" = "post"): Promise<T> {
  const res =
    method === "post"
      ? await req.post(`/api/trpc/${p}`, { data: { json: input } })
      : await req.get(`/api/trpc/${p}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`);
  const body = await res.json();
  expect(res.ok(), `${p}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

/** Signs in in a context of its own; the first sign-ins on a fresh server can take a while on a busy machine. */
async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/$/, { timeout: 60_000 });
  return page;
}

const unreadOf = (page: Page) => call<number>(page.request, "notifications.unreadCount", undefined, "get");

/** The server's resident memory, from /proc (start-app.mjs records its pid). */
function serverRssBytes(): number {
  const pid = fs.readFileSync(path.join(process.cwd(), ".steward", "e2e-app.pid"), "utf8").trim();
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]!;
  return Number(kb) * 1024;
}

/**
 * POSTs `total` bytes as fast as the socket takes them, declared (Content-Length) or chunked,
 * and resolves when the response's head arrives: how long the refusal took and how much was sent.
 */
type Flooded = { status: number; ms: number; sent: number; body: string };

/**
 * The server answers 413 and closes mid-upload; when the close arrives as a reset before Node's
 * client has read the answer, the client drops it with EPIPE (a client-side race, worse on a busy
 * machine). One more try then; the answer is still asserted on in full.
 */
/**
 * When the server answers and closes mid-upload, the client's kernel may drop the answer with the
 * reset (EPIPE/ECONNRESET before the 'response' event): a loss on the client's side, not a wrong
 * answer. Tried up to four times; a CI run lost it twice in a row.
 */
async function flood(baseURL: string, p: string, total: number, opts: { chunked: boolean; cookie: string }): Promise<Flooded> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await floodOnce(baseURL, p, total, opts);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== "EPIPE" && code !== "ECONNRESET") || attempt === 4) throw err;
      console.log(`the answer was lost to ${code}; trying again`);
    }
  }
}

function floodOnce(baseURL: string, p: string, total: number, opts: { chunked: boolean; cookie: string }): Promise<Flooded> {
  const url = new URL(p, baseURL);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    let stopped = false;
    const headers: Record<string, string> = { "content-type": "application/json", cookie: opts.cookie, origin: new URL(baseURL).origin };
    if (!opts.chunked) headers["content-length"] = String(total);
    const req = http.request(url, { method: "POST", headers, agent: false }, (res) => {
      const ms = performance.now() - started;
      done = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, ms, sent, body });
      });
    });
    req.on("error", (err) => {
      // The server answers and closes the connection mid-upload: writing then fails (EPIPE), while
      // its answer may still be on its way to the 'response' event.
      stopped = true;
      setTimeout(() => !done && reject(err), 2000);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!done && !stopped && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done && !stopped) req.end();
    };
    pump();
  });
}

test.describe.configure({ mode: "serial" });

let victimPage: Page;
let cookie: string;

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(240_000);
  const { needsSetup } = await call<{ needsSetup: boolean }>(request, "setup.status", undefined, "get");
  if (needsSetup) await call(request, "setup.createFirstAdmin", admin);
  // Warm the pages the sign-in goes through: the first render of a fresh server is slow.
  for (const p of ["/sign-in", "/"]) await request.get(p);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...victim, roles: ["steward", "privacy_officer"] });
  await createPerson(adminPage.request, { ...requester, roles: ["steward"] });
  await adminPage.context().close();
  // A review request for a new source assigns the victim, who gets an unread notification.
  const requesterPage = await signedIn(browser, requester);
  const source = await call<{ id: string }>(requesterPage.request, "sources.create", {
    key: `csrf_${run}`,
    name: `Web shop ${run}`,
    description: "",
    systemType: "web_analytics",
    owner: "Web team",
    jurisdictions: ["EU"],
    retentionDays: 365,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: true,
    consentCapturePoints: ["onboarding"],
    consentCaptureNotes: "",
  });
  await call(requesterPage.request, "reviews.request", {
    type: "data_use",
    subjectType: "data_source",
    subjectId: source.id,
    justification: "A new use of the web shop's data, please review.",
    payload: { purposeKeys: ["analytics"], channels: [], description: "Measure the web shop's conversion." },
  });
  await requesterPage.context().close();
  victimPage = await signedIn(browser, victim);
  cookie = (await victimPage.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
});

test("a page on another origin cannot change the signed-in victim's data with a form post", async ({ baseURL }) => {
  const before = await unreadOf(victimPage);
  expect(before).toBeGreaterThan(0);
  // localhost on another port: same-site, so the browser sends the victim's cookies along, but not same-origin.
  const target = `${baseURL}/api/trpc/notifications.markRead`;
  const attacker = http.createServer((req, res) => {
    const forms: Record<string, string> = {
      "/multipart": `<form method="post" enctype="multipart/form-data" action="${target}"><input name="x" value="1"></form>`,
      "/text": `<form method="post" enctype="text/plain" action="${target}"><input name='{"json":{},"x":"' value='"}'></form>`,
    };
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>Win a prize</title>${forms[req.url ?? ""] ?? ""}<script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((r) => attacker.listen(0, "localhost", r));
  const port = (attacker.address() as { port: number }).port;
  try {
    for (const kind of ["multipart", "text"]) {
      const refused = victimPage.waitForResponse((r) => r.url() === target && r.request().method() === "POST");
      await victimPage.goto(`http://localhost:${port}/${kind}`);
      const res = await refused;
      expect(res.status(), kind).toBe(403);
      expect(res.request().headers()["origin"]).toBe(`http://localhost:${port}`);
      expect(await unreadOf(victimPage)).toBe(before);
    }
  } finally {
    attacker.close();
  }
  // The same call from Steward's own page goes through, so the attack had something to change.
  await victimPage.goto("/");
  const status = await victimPage.evaluate(
    async () => (await fetch("/api/trpc/notifications.markRead", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: {} }) })).status,
  );
  expect(status).toBe(200);
  expect(await unreadOf(victimPage)).toBe(0);
});

test("raw requests: a forged Origin gets 403, multipart 415, whatever the procedure", async ({ baseURL, playwright }) => {
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  for (const p of ["notifications.markRead", "jobs.runScheduled", "audit.verify"]) {
    const multipart = await ctx.post(`/api/trpc/${p}`, { multipart: { x: "1" } });
    expect(multipart.status(), p).toBe(415);
    const forged = await ctx.post(`/api/trpc/${p}`, { data: { json: {} }, headers: { origin: "http://127.0.0.1:1" } });
    expect(forged.status(), p).toBe(403);
  }
  // The machine API needs no Origin; without a token it is a 401, not a CSRF refusal.
  expect((await ctx.post("/api/v1/lineage", { data: {}, headers: { cookie: "" } })).status()).toBe(401);
  await ctx.dispose();
});

test("a 100 MB body is refused in under a second, the server's memory barely moves, and others are served meanwhile", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL!;
  // The concurrent request alone, warmed up, for comparison in the log (the machine may be busy).
  let baselineMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fetch(`${base}/api/auth/csrf`);
    baselineMs = Math.min(baselineMs, performance.now() - t);
  }
  const rssBefore = serverRssBytes();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRssBytes())), 20);
  try {
    for (const chunked of [false, true]) {
      const refused = flood(base, "/api/trpc/notifications.markRead", 100 * MB, { chunked, cookie });
      // Another user's request while the flood is in flight.
      const t0 = performance.now();
      const other = await fetch(`${base}/api/auth/csrf`);
      const otherMs = performance.now() - t0;
      const r = await refused;
      console.log(
        `${chunked ? "chunked" : "declared"} 100 MB: ${r.status} after ${r.ms.toFixed(0)} ms, ${(r.sent / MB).toFixed(1)} MB sent; concurrent request ${otherMs.toFixed(0)} ms (alone: ${baselineMs.toFixed(0)} ms)`,
      );
      expect(other.status).toBe(200);
      expect(otherMs, "a concurrent request").toBeLessThan(500);
      expect(r.status, chunked ? "chunked" : "declared").toBe(413);
      expect(JSON.parse(r.body)).toEqual({ error: "The request body is larger than 1 MB.", code: "PAYLOAD_TOO_LARGE", field: "body" });
      expect(r.ms, chunked ? "chunked" : "declared").toBeLessThan(1000);
    }
  } finally {
    clearInterval(sampler);
  }
  const growth = Math.max(peak, serverRssBytes()) - rssBefore;
  console.log(`server RSS ${(rssBefore / MB).toFixed(0)} MB before, peak growth ${(growth / MB).toFixed(1)} MB`);
  expect(growth).toBeLessThan(50 * MB);
});

// Each limit on its own (Content-Length too big, chunked too big, just under the limit) is
// checked against the handler in server/http/limits.int.test.ts: here the server closes the
// socket mid-upload, and Node's client then often loses the 413 to EPIPE.
