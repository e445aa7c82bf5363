import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { chromium } from "@playwright/test";
import { openPostgres } from "./server/db/client";
import { users } from "./server/db/schema";
import { hashPassword } from "./server/auth/password";
import { serve, signIn } from "./bench/lineage/server";
const url = "postgres://postgres@127.0.0.1:5432/steward_bench_lineage";
const { db, close } = await openPostgres(url, { migrate: false });
const email = `prof-${randomBytes(4).toString("hex")}@bench.example`;
const password = randomBytes(18).toString("base64url");
await db.insert(users).values({ email, name: "Prof", passwordHash: await hashPassword(password), roles: ["admin", "steward"] });
await close();
const served = await serve(3490, { DATABASE_URL: url, NEXTAUTH_SECRET: "x".repeat(40) }, "/tmp/prof-serve.log");
try {
  const cookie = await signIn(served.baseUrl, email, password);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addCookies(cookie.split("; ").map((c) => { const i = c.indexOf("="); return { name: c.slice(0, i), value: c.slice(i + 1), url: served.baseUrl }; }));
  const page = await ctx.newPage();
  const target = `${served.baseUrl}/lineage?node=dataset%3Abench%2Fd2_0&direction=downstream&depth=10`;
  await page.goto(target);
  await page.getByTestId("lineage-graph").and(page.locator('[data-layout="done"], [data-layout="fallback"]')).waitFor({ timeout: 60_000 });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.getByRole("button", { name: "Fit to view" }).click();
  await page.waitForTimeout(1500);
  const { profile } = await cdp.send("Profiler.stop");
  fs.writeFileSync("/tmp/lineage-fit.cpuprofile", JSON.stringify(profile));
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(0).padStart(6), "ms", k));
  await browser.close();
} finally {
  await served.stop();
}
