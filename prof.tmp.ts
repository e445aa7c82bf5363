import { randomBytes } from "node:crypto";
import { openPostgres } from "./server/db/client";
import { users } from "./server/db/schema";
import { hashPassword } from "./server/auth/password";
import { serve, signIn } from "./bench/catalog/server";
const url = "postgres://postgres@127.0.0.1:5432/steward_bench_catalog";
const { db, close } = await openPostgres(url, { migrate: false });
const email = `prof-${randomBytes(4).toString("hex")}@bench.example`;
const password = randomBytes(18).toString("base64url");
await db.insert(users).values({ email, name: "Prof", passwordHash: await hashPassword(password), roles: ["admin", "steward"] });
await close();
const served = await serve(3390, { DATABASE_URL: url, NEXTAUTH_SECRET: "x".repeat(40) }, "/tmp/prof-serve.log");
const cookie = await signIn(served.baseUrl, email, password);
async function time(name: string, path: string, input: unknown, n = 150, ck = cookie) {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    const s = performance.now();
    const r = await fetch(`${served.baseUrl}/api/trpc/${path}${q}`, { headers: { cookie: ck } });
    await r.text();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(name.padEnd(20), "p50", t[n >> 1]!.toFixed(1), "p95", t[Math.floor(n * 0.95)]!.toFixed(1));
}
await time("auth.me", "auth.me", undefined);
await time("auth.me", "auth.me", undefined);
await time("auth.me anon", "auth.me", undefined, 150, "");
await time("csrf", "../auth/csrf", undefined, 150, "");
await time("signals q", "signals.list", { q: "footwear" });
await time("segments q", "segments.list", { q: "womenswear" });
await served.stop();
