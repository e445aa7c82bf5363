// The embedded database's lock across real processes: a paused holder keeps it, a killed one
// frees it at once, a lost one stops its process before another write. Slow (each PGlite
// process opens a real data folder), so the folder is created once and shared in order.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { currentOwner, lockFileOf } from "./data-dir-lock";

const repo = path.resolve(import.meta.dirname, "../..");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-lockproc-"));
const dataDir = path.join(root, "db");
const running = new Set<ChildProcess>();

type Event = { event: string; pid?: number; message?: string; count?: number; lockMs?: number; stale?: number | null };
interface Holder {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
  next: (event: string, timeoutMs?: number) => Promise<Event>;
  send: (command: string) => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The server's log lines (server/log.ts: one JSON object per line) among a process's output. */
const logged = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; pid: number });

/** Starts server/testing/lock-holder.ts as its own Node process (no wrapper, so signals reach it). */
function start(dir: string, mode: "pglite" | "lock-only" = "pglite"): Holder {
  const child = spawn(process.execPath, ["--import", "tsx", "server/testing/lock-holder.ts", dir, ...(mode === "lock-only" ? ["--lock-only"] : [])], {
    cwd: repo,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const events: Event[] = [];
  const waiters: Array<() => void> = [];
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    events.push(JSON.parse(line) as Event);
    waiters.splice(0).forEach((w) => w());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      waiters.splice(0).forEach((w) => w());
      resolve({ code, signal });
    }),
  );
  let seen = 0;
  const next = (event: string, timeoutMs = 120_000) =>
    new Promise<Event>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
      const look = () => {
        const i = events.findIndex((e, k) => k >= seen && (e.event === event || e.event === "refused"));
        if (i >= 0) {
          seen = i + 1;
          clearTimeout(timer);
          resolve(events[i]!);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before "${event}"; stderr: ${err}`));
        } else waiters.push(look);
      };
      look();
    });
  return { child, pid: child.pid!, stderr: () => err, next, send: (c) => child.stdin!.write(`${c}\n`), exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // Creating a data folder (initdb) takes PGlite a while; every test below reuses this one.
  const first = start(dataDir);
  expect((await first.next("ready", 280_000)).event).toBe("ready");
  first.send("exit");
  expect((await first.exited).code).toBe(0);
}, 300_000);
afterEach(() => {
  // A failed test must not leave its holder on the shared folder for the next one.
  for (const child of running) {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  }
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the embedded database's lock, across processes", () => {
  it("a holder paused for 30 s keeps the folder: others are refused, naming it; resumed, it carries on writing", async () => {
    const holder = start(dataDir);
    await holder.next("ready");
    holder.send("write");
    const before = (await holder.next("wrote")).count!;
    holder.child.kill("SIGSTOP");
    const stoppedAt = Date.now();
    try {
      await sleep(15_000); // past the 10 s after which the old lock was declared stale
      for (const check of [0, 1]) {
        if (check === 1) await sleep(Math.max(0, 30_000 - (Date.now() - stoppedAt)));
        const other = start(dataDir);
        const refused = await other.next("ready");
        expect(refused.event).toBe("refused");
        expect(refused.message).toContain(`Another Steward process is already using the embedded database in ${dataDir}: process ${holder.pid} (lock-holder.ts) on ${os.hostname()}`);
        if (process.platform === "linux") expect(refused.message).toContain("it is paused");
        expect((await other.exited).code).toBe(3);
      }
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(30_000);
    } finally {
      holder.child.kill("SIGCONT");
    }
    holder.send("write");
    expect((await holder.next("wrote")).count).toBe(before + 1);
    await sleep(1_500); // its background check runs again, and finds the lock still its own
    holder.send("write");
    expect((await holder.next("wrote")).count).toBe(before + 2);
    holder.send("exit");
    expect((await holder.exited).code).toBe(0);
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false); // released on a normal exit
  }, 300_000);

  it("after kill -9, the next start takes the folder at once, says the lock was stale, and finds the data", async () => {
    const killed = start(dataDir);
    await killed.next("ready");
    killed.send("write");
    const count = (await killed.next("wrote")).count!;
    killed.child.kill("SIGKILL");
    const restarted = start(dataDir); // at once: no waiting for anything to expire
    expect((await restarted.next("ready")).event).toBe("ready");
    const warning = logged(restarted.stderr()).find((l) => l.msg.startsWith("Found a stale lock"));
    expect(warning).toMatchObject({ level: 40, pid: restarted.pid });
    expect(warning!.msg).toContain(`Found a stale lock on the embedded database in ${dataDir} from process ${killed.pid} (lock-holder.ts`);
    expect(warning!.msg).toContain("which stopped: it has ended");
    restarted.send("write");
    expect((await restarted.next("wrote")).count).toBe(count + 1);
    restarted.child.kill("SIGTERM");
    expect((await restarted.exited).code).toBe(143);
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false); // released on SIGTERM
  }, 300_000);

  it("takes a killed holder's lock in well under a second, and releases on SIGINT", async () => {
    const dir = path.join(root, "quick");
    const killed = start(dir, "lock-only");
    await killed.next("ready");
    killed.child.kill("SIGKILL");
    const restarted = start(dir, "lock-only");
    const ready = await restarted.next("ready");
    expect(ready).toMatchObject({ event: "ready", stale: killed.pid });
    expect(ready.lockMs).toBeLessThan(1_000);
    restarted.child.kill("SIGINT");
    expect((await restarted.exited).code).toBe(130);
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
  }, 120_000);

  it("when several processes race for a stale lock, exactly one gets it", async () => {
    const dir = path.join(root, "race");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    fs.writeFileSync(lockFileOf(dir), JSON.stringify({ ...currentOwner(), pid: dead, startTime: "1", program: "next start" }));
    const racers = Array.from({ length: 5 }, () => start(dir, "lock-only"));
    const outcomes = await Promise.all(racers.map((r) => r.next("ready")));
    const winners = racers.filter((_, i) => outcomes[i]!.event === "ready");
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    for (const o of outcomes.filter((o) => o.event === "refused")) expect(o.message).toContain(`process ${winner.pid} (lock-holder.ts)`);
    expect(JSON.parse(fs.readFileSync(lockFileOf(dir), "utf8")).pid).toBe(winner.pid);
    winner.send("exit");
    await Promise.all(racers.map((r) => r.exited));
  }, 180_000);

  it("a process whose lock is taken from it stops before its next write, with a clear message", async () => {
    const holder = start(dataDir);
    await holder.next("ready");
    holder.send("write");
    const count = (await holder.next("wrote")).count!;
    fs.unlinkSync(lockFileOf(dataDir));
    holder.send("write");
    const { code } = await holder.exited;
    expect(code).toBe(1);
    expect(logged(holder.stderr())).toContainEqual(
      expect.objectContaining({ level: 60, msg: expect.stringContaining(`Lost the embedded database's lock on ${dataDir}: its lock file ${lockFileOf(dataDir)} was removed.`) }),
    );
    const after = start(dataDir);
    await after.next("ready");
    after.send("write");
    expect((await after.next("wrote")).count).toBe(count + 1); // the write after the loss never happened
    after.send("exit");
    expect((await after.exited).code).toBe(0);
  }, 300_000);

  it("npm run db:migrate on a locked folder prints one line naming the holder, no stack trace, and fails", async () => {
    const dir = path.join(root, "migrate");
    const holder = start(dir, "lock-only");
    await holder.next("ready");
    const run = spawnSync(path.join(repo, "node_modules", ".bin", "tsx"), ["scripts/migrate.ts"], {
      cwd: repo,
      env: { ...process.env, STEWARD_DATA_DIR: dir, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^\\[steward\\] Another Steward process is already using the embedded database in .*: process ${holder.pid} \\(lock-holder.ts\\)`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    holder.send("exit");
    expect((await holder.exited).code).toBe(0);
  }, 180_000);
});
