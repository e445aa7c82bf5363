/**
 * The embedded database's lock: one process per data folder, held for the life of that process.
 *
 * PGlite has no lock of its own, and two processes on one folder lose data silently. The lock is
 * a file beside the folder (`<folder>.lock.json`), created atomically (a hard link of a fully
 * written file, so it is never seen half-written), that names its owner: PID, process start time
 * and boot id (Linux), host name. It has no expiry: a live process keeps it however long it
 * stalls (a paused or overloaded server must not lose it). It is taken over only when this
 * machine can prove its owner is gone: no such process, a zombie, a PID now used by a process
 * that started later, or a reboot since. Then the next start takes it at once.
 *
 * Takeover is race-free: a stale lock is replaced only by whoever first creates the takeover file
 * named after that stale owner's token, and only while the lock still holds that token.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { log } from "../log";

export interface LockOwner {
  pid: number;
  /** Linux: start time in clock ticks since boot (/proc/<pid>/stat field 22); null elsewhere. */
  startTime: string | null;
  /** Linux: the kernel's boot id, so a reboot frees every lock taken before it; null elsewhere. */
  bootId: string | null;
  hostname: string;
  /** What took it ("next start", "migrate.ts"), for messages. */
  program: string;
  acquiredAt: string;
  /** This acquisition's random id: "the lock is still mine" compares it. */
  token: string;
}

export interface StaleHolder {
  owner: LockOwner;
  /** Why this machine knows that process is gone. */
  why: string;
}

export interface DataDirLock {
  file: string;
  owner: LockOwner;
  staleFrom: StaleHolder | null;
  /** Throws (after calling onLost) once the lock is no longer this process's. One stat: cheap. */
  assertHeld(): void;
  /** Removes the lock file if it is still this process's. */
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockOwner | null,
    detail: string,
  ) {
    super(
      `Another Steward process is already using the embedded database in ${dataDir}: ${detail} ` +
        `Stop that process first (two processes on one folder would lose data), ` +
        `or set STEWARD_DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

export const lockFileOf = (dataDir: string) => `${path.resolve(dataDir)}.lock.json`;

const LINUX_PROC = process.platform === "linux" && fs.existsSync("/proc/self/stat");

function procStat(pid: number | "self"): { state: string; startTime: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // Field 2, the command name, is in parentheses and may itself hold spaces or ")".
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: rest[0] ?? "", startTime: rest[19] ?? "" };
}

function bootId(): string | null {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}

function programName(): string {
  const [, script, command] = process.argv;
  const words = [path.basename(script ?? process.argv0)];
  if (command && /^[a-z][a-z:-]*$/.test(command)) words.push(command); // "next start", not a file argument
  return words.join(" ").slice(0, 80);
}

export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    startTime: LINUX_PROC ? (procStat("self")?.startTime ?? null) : null,
    bootId: LINUX_PROC ? bootId() : null,
    hostname: os.hostname(),
    program: programName(),
    acquiredAt: new Date().toISOString(),
    token: randomBytes(16).toString("hex"),
  };
}

export type Liveness = { state: "alive" | "gone" | "unknown"; why: string };

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, another user's
  }
}

/** Whether the lock's owner still runs, as far as this machine can tell. */
export function holderLiveness(holder: LockOwner, me: LockOwner = currentOwner()): Liveness {
  if (holder.hostname !== me.hostname) return { state: "unknown", why: `it runs on host ${holder.hostname}, which this machine cannot check` };
  if (holder.bootId && me.bootId && holder.bootId !== me.bootId) return { state: "gone", why: "the machine has restarted since" };
  if (LINUX_PROC) {
    const stat = procStat(holder.pid);
    if (stat) {
      if (stat.state === "Z" || stat.state === "X") return { state: "gone", why: "it has ended" };
      if (holder.startTime && stat.startTime !== holder.startTime) return { state: "gone", why: "it has ended (its process id now belongs to a newer process)" };
      return { state: "alive", why: stat.state === "T" ? "it is paused, and keeps the folder until it ends" : "it is running" };
    }
    // /proc can hide other users' processes (hidepid): only ESRCH below proves it gone.
  }
  return pidExists(holder.pid) ? { state: "alive", why: "it is running" } : { state: "gone", why: "it has ended" };
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    const ok =
      Number.isSafeInteger(o.pid) &&
      o.pid! > 0 &&
      typeof o.token === "string" &&
      typeof o.hostname === "string" &&
      typeof o.program === "string" &&
      typeof o.acquiredAt === "string" &&
      (o.startTime === null || typeof o.startTime === "string") &&
      (o.bootId === null || typeof o.bootId === "string");
    return ok ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

type Read = { kind: "owner"; owner: LockOwner } | { kind: "missing" } | { kind: "unreadable" };

function readOwner(file: string): Read {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw err;
  }
  const owner = parseOwner(text);
  return owner ? { kind: "owner", owner } : { kind: "unreadable" };
}

function unlinkQuietly(file: string) {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** A complete, flushed copy of the owner record under a private name. */
function writeTemp(file: string, me: LockOwner): string {
  const tmp = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  const fd = fs.openSync(tmp, "wx", 0o644);
  try {
    fs.writeSync(fd, `${JSON.stringify(me, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}

/** Creates `file` holding `me` unless it exists: atomically, and never half-written. */
function createExclusive(file: string, me: LockOwner): boolean {
  const tmp = writeTemp(file, me);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw err;
  } finally {
    unlinkQuietly(tmp);
  }
  // A file system without hard links: O_EXCL, and a reader retries while the file is empty.
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(me, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function removeIfMine(file: string, token: string) {
  const read = readOwner(file);
  if (read.kind === "owner" && read.owner.token === token) unlinkQuietly(file);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Claim = { ok: true; staleFrom: StaleHolder | null } | { ok: false; holder: LockOwner | null; detail: string };

/** How long to wait for a half-written lock (file systems without hard links) or another process's takeover. */
const SETTLE_MS = 2_000;

async function claim(file: string, me: LockOwner, depth: number): Promise<Claim> {
  const settleBy = Date.now() + SETTLE_MS;
  for (let round = 0; round < 500; round++) {
    if (createExclusive(file, me)) return { ok: true, staleFrom: null };
    const read = readOwner(file);
    if (read.kind === "missing") continue; // released just now: try again
    if (read.kind === "unreadable") {
      if (Date.now() < settleBy) {
        await sleep(20);
        continue;
      }
      return { ok: false, holder: null, detail: `its lock file ${file} is not a Steward lock. If no Steward process uses the folder, delete that file.` };
    }
    const holder = read.owner;
    const liveness = holderLiveness(holder, me);
    if (liveness.state !== "gone") return { ok: false, holder, detail: describe(file, holder, me, liveness) };
    // Gone: whoever first creates the takeover file named after its token replaces it.
    if (depth >= 3) return { ok: false, holder, detail: `its lock file ${file} could not be taken over. If no Steward process uses the folder, delete it.` };
    const gate = `${file}.takeover-${holder.token}`;
    const gated = await claim(gate, me, depth + 1);
    if (!gated.ok) {
      if (Date.now() < settleBy) {
        await sleep(20); // another process is taking it over now; look again when it is done
        continue;
      }
      return gated;
    }
    try {
      const current = readOwner(file);
      if (current.kind === "owner" && current.owner.token === holder.token) {
        const tmp = writeTemp(file, me);
        try {
          fs.renameSync(tmp, file);
        } catch (err) {
          unlinkQuietly(tmp);
          throw err;
        }
        return { ok: true, staleFrom: { owner: holder, why: liveness.why } };
      }
    } finally {
      removeIfMine(gate, me.token);
    }
  }
  return { ok: false, holder: null, detail: `its lock file ${file} keeps changing.` };
}

function describe(file: string, holder: LockOwner, me: LockOwner, liveness: Liveness): string {
  const who = holder.pid === me.pid && liveness.state === "alive" ? `this process (${holder.pid}) already has it open` : `process ${holder.pid} (${holder.program}) on ${holder.hostname}`;
  const unknown = liveness.state === "unknown" ? ` If that process no longer runs, delete ${file}.` : "";
  return `${who}, since ${holder.acquiredAt}; ${liveness.why}.${unknown}`;
}

// One shared exit hook and signal handler for every lock this process holds.
const held = new Set<() => void>();
function onExit() {
  for (const release of [...held]) release();
}
function onSignal(signal: NodeJS.Signals) {
  // Another handler (Next.js's graceful shutdown) ends the process itself; the exit hook releases then.
  if (process.listenerCount(signal) > 1) return;
  onExit();
  process.exit(128 + (os.constants.signals[signal] ?? 0));
}
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
function track(release: () => void) {
  if (held.size === 0) {
    process.on("exit", onExit);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  held.add(release);
}
function untrack(release: () => void) {
  held.delete(release);
  if (held.size === 0) {
    process.off("exit", onExit);
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}

export interface LockOptions {
  /** Called once when the lock is found lost. Default: print the message and exit at once. */
  onLost?: (message: string) => void;
  /** How often to check the lock file in the background; each database call checks it too. */
  checkEveryMs?: number;
  log?: (message: string) => void;
}

function exitNow(message: string): never {
  log.fatal(message);
  process.exit(1);
}

/** Takes the data folder's lock, or throws DataDirLockedError naming the process that holds it. */
export async function acquireDataDirLock(dataDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const file = lockFileOf(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const me = currentOwner();
  const claimed = await claim(file, me, 0);
  if (!claimed.ok) throw new DataDirLockedError(dataDir, claimed.holder, claimed.detail);
  sweepTakeoverFiles(file);
  const say = opts.log ?? ((m: string) => log.warn(m));
  if (claimed.staleFrom) {
    const { owner, why } = claimed.staleFrom;
    say(`Found a stale lock on the embedded database in ${dataDir} from process ${owner.pid} (${owner.program}, since ${owner.acquiredAt}), which stopped: ${why}. Took it over.`);
  }

  const identity = (s: fs.Stats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  const mine = identity(fs.statSync(file));
  let lost: string | null = null;
  let released = false;

  const loseWith = (reason: string) => {
    lost = `Lost the embedded database's lock on ${dataDir}: ${reason}. Another process may be using the folder, so this process stops now without writing to it again.`;
    stop();
    (opts.onLost ?? exitNow)(lost);
  };
  const check = (readContents: boolean) => {
    if (lost || released) return;
    let stat: fs.Stats;
    let read: Read | null;
    try {
      stat = fs.statSync(file);
      if (identity(stat) === mine && !readContents) return;
      read = readOwner(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return loseWith(code === "ENOENT" ? `its lock file ${file} was removed` : `its lock file ${file} cannot be read (${code})`);
    }
    if (read.kind === "owner" && read.owner.token === me.token && identity(stat) === mine) return;
    if (read.kind === "missing") return loseWith(`its lock file ${file} was removed`);
    loseWith(
      read.kind === "owner" && read.owner.token !== me.token
        ? `process ${read.owner.pid} (${read.owner.program}) on ${read.owner.hostname} now holds it`
        : `its lock file ${file} was replaced`,
    );
  };
  const timer = setInterval(() => check(true), opts.checkEveryMs ?? 1_000);
  timer.unref();
  const release = () => {
    if (released) return;
    stop();
    released = true;
    if (!lost) removeIfMine(file, me.token);
  };
  function stop() {
    clearInterval(timer);
    untrack(release);
  }
  track(release);

  return {
    file,
    owner: me,
    staleFrom: claimed.staleFrom,
    assertHeld() {
      check(false);
      if (lost) throw new Error(lost);
      if (released) throw new Error(`The embedded database's lock on ${dataDir} was released.`);
    },
    release,
  };
}

/** Takeover files left by a process that died in the middle of one (harmless, but litter). */
function sweepTakeoverFiles(file: string) {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.takeover-`;
  for (const name of fs.readdirSync(dir)) if (name.startsWith(prefix)) unlinkQuietly(path.join(dir, name));
}
