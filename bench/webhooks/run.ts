// Webhook delivery benchmark (not part of `npm test`): `npm run bench:webhooks [-- --no-build]`.
// A production server on a fresh PostgreSQL database, with its webhook dispatcher running as it
// does in production (started with the scheduled jobs), and a receiver on loopback in this
// process. Each round commits an event through the server (the "Send test event" mutation, which
// writes the outbox row in its transaction) and times its arrival at the receiver:
//   - from the mutation's start (an upper bound: the commit happens before its answer), and
//   - from the mutation's answer (a lower bound: the commit happened before it).
// Prints p50/p95/p99 of both; goal: p95 ≤ 2 s. Rounds are spaced by a random pause, so they do not
// line up with the dispatcher's poll. Options: --no-build (reuse .next-bench), --rounds N
// (default 200). BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to
// create the database; it is dropped at the end.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build, freePort, serve, signIn, type Served } from "../catalog/server";
import { ADMIN_URL, adminStatement, benchDbUrl } from "../support/bench-db";

const { values: args } = parseArgs({ options: { "no-build": { type: "boolean" }, rounds: { type: "string", default: "200" } } });
const ROUNDS = Math.max(10, Math.min(2000, Number(args.rounds)));
const GOAL_MS = 2000;
const DB_NAME = "steward_bench_webhooks";
const admin = { name: "Bench Admin", email: "bench.admin@example.test", password: "bench admin passphrase" };

async function trpc<T>(baseUrl: string, cookie: string, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { result?: { data: { json: T } } };
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.result.data.json;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  if (!args["no-build"]) build();
  await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  await adminStatement(`CREATE DATABASE ${DB_NAME}`);
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const at = performance.now();
    req.resume();
    req.on("end", () => {
      arrivals.set(String(req.headers["steward-event-id"]), at);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`;
  let served: Served | null = null;
  try {
    const port = await freePort(3470);
    served = await serve(
      port,
      {
        DATABASE_URL: benchDbUrl(DB_NAME, ADMIN_URL),
        NEXTAUTH_SECRET: "bench-only-secret",
        // The hourly jobs' catch-up run is not what is measured here.
        STEWARD_JOBS_START_DELAY_SECONDS: "3600",
        STEWARD_LOG_LEVEL: "warn",
      },
      path.join(os.tmpdir(), "steward-bench-webhooks.log"),
    );
    const base = served.baseUrl;
    await trpc(base, "", "setup.createFirstAdmin", admin);
    const cookie = await signIn(base, admin.email, admin.password);
    await trpc(base, cookie, "webhooks.setAllowPrivate", { allow: true });
    const { id } = await trpc<{ id: string }>(base, cookie, "webhooks.create", { url: receiverUrl, events: ["segment.paused"] });

    const fromStart: number[] = [];
    const fromAnswer: number[] = [];
    const waitFor = async (eventId: string, deadline: number) => {
      while (!arrivals.has(eventId)) {
        if (performance.now() > deadline) throw new Error(`event ${eventId} did not arrive within 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return arrivals.get(eventId)!;
    };
    for (let i = 0; i < ROUNDS + 5; i++) {
      const t0 = performance.now();
      const { eventId } = await trpc<{ eventId: string }>(base, cookie, "webhooks.sendTest", { id });
      const t1 = performance.now();
      const at = await waitFor(eventId, t0 + 30_000);
      if (i >= 5) {
        // The first few warm the server up.
        fromStart.push(at - t0);
        fromAnswer.push(at - t1);
      }
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 300));
    }
    fromStart.sort((a, b) => a - b);
    fromAnswer.sort((a, b) => a - b);
    const p95 = percentile(fromStart, 95);
    console.log(`webhook delivery, commit → loopback receiver, ${ROUNDS} events, dispatcher in the server (PostgreSQL):`);
    console.log(`  from the mutation's start:  p50 ${fmt(percentile(fromStart, 50))}  p95 ${fmt(p95)}  p99 ${fmt(percentile(fromStart, 99))}  max ${fmt(fromStart.at(-1)!)}`);
    console.log(
      `  from the mutation's answer: p50 ${fmt(percentile(fromAnswer, 50))}  p95 ${fmt(percentile(fromAnswer, 95))}  p99 ${fmt(percentile(fromAnswer, 99))}  max ${fmt(fromAnswer.at(-1)!)}`,
    );
    console.log(`  goal p95 ≤ ${fmt(GOAL_MS)}: ${p95 <= GOAL_MS ? "met" : "NOT met"} (p95 / goal = ${(p95 / GOAL_MS).toFixed(2)})`);
  } finally {
    await served?.stop();
    receiver.close();
    await adminStatement(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
