import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { acquireDataDirLock, currentOwner, DataDirLockedError, lockFileOf, type DataDirLock, type LockOwner } from "./data-dir-lock";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "steward-dirlock-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `db${++n}`);
const held: DataDirLock[] = [];
afterEach(() => {
  for (const l of held.splice(0)) l.release();
});
async function take(dir: string, opts: Parameters<typeof acquireDataDirLock>[1] = {}) {
  const lock = await acquireDataDirLock(dir, { log: () => {}, ...opts });
  held.push(lock);
  return lock;
}
/** A PID that certainly ran and certainly ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;
function writeLock(dir: string, owner: Partial<LockOwner>) {
  fs.writeFileSync(lockFileOf(dir), JSON.stringify({ ...currentOwner(), program: "next start", ...owner }));
}

describe("the embedded database's lock", () => {
  it("records this process (PID, start time, host) and is removed on release", async () => {
    const dir = freshDir();
    const lock = await take(dir);
    const record = JSON.parse(fs.readFileSync(lockFileOf(dir), "utf8"));
    expect(record).toMatchObject({ pid: process.pid, hostname: os.hostname(), token: lock.owner.token });
    if (process.platform === "linux") expect(record.startTime).toMatch(/^\d+$/);
    lock.release();
    expect(fs.existsSync(lockFileOf(dir))).toBe(false);
  });

  it("refuses a second opener while the holder lives, naming it", async () => {
    const dir = freshDir();
    await take(dir);
    const second = take(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`this process (${process.pid}) already has it open`);
  });

  it("takes over at once from a process that has ended, and says so", async () => {
    const dir = freshDir();
    const pid = deadPid();
    writeLock(dir, { pid, startTime: "1" });
    const log = vi.fn();
    const started = performance.now();
    const lock = await take(dir, { log });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(lock.staleFrom).toMatchObject({ owner: { pid }, why: "it has ended" });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`Found a stale lock on the embedded database in ${dir} from process ${pid} (next start`));
    expect(JSON.parse(fs.readFileSync(lockFileOf(dir), "utf8")).token).toBe(lock.owner.token);
  });

  it.runIf(process.platform === "linux")("takes over when the PID now belongs to a process that started later, or the machine restarted", async () => {
    const reused = freshDir();
    writeLock(reused, { pid: process.pid, startTime: "1" }); // this very PID, an earlier start: an ended process
    expect((await take(reused)).staleFrom?.why).toMatch(/newer process/);
    const rebooted = freshDir();
    writeLock(rebooted, { bootId: "00000000-0000-0000-0000-000000000000" });
    expect((await take(rebooted)).staleFrom?.why).toBe("the machine has restarted since");
  });

  it("never takes over from a process it cannot check (another host)", async () => {
    const dir = freshDir();
    writeLock(dir, { pid: deadPid(), hostname: "elsewhere.example" });
    await expect(take(dir)).rejects.toThrow(`on elsewhere.example, since`);
    await expect(take(dir)).rejects.toThrow(`If that process no longer runs, delete ${lockFileOf(dir)}.`);
  });

  it("refuses a lock file that is not a Steward lock instead of guessing", async () => {
    const dir = freshDir();
    fs.writeFileSync(lockFileOf(dir), "garbage");
    await expect(take(dir)).rejects.toThrow(`its lock file ${lockFileOf(dir)} is not a Steward lock`);
  });

  it("notices at once when its lock file is removed or rewritten, and then writes nothing", async () => {
    const removedDir = freshDir();
    const onLost = vi.fn();
    const removed = await take(removedDir, { onLost });
    removed.assertHeld();
    fs.unlinkSync(lockFileOf(removedDir));
    expect(() => removed.assertHeld()).toThrow(/Lost the embedded database's lock .* was removed/);
    expect(onLost).toHaveBeenCalledTimes(1);

    const rewrittenDir = freshDir();
    const rewritten = await take(rewrittenDir, { onLost });
    await new Promise((r) => setTimeout(r, 20)); // a different modification time
    writeLock(rewrittenDir, { pid: 4242, program: "next start" });
    expect(() => rewritten.assertHeld()).toThrow("process 4242 (next start)");
    rewritten.release();
    expect(fs.existsSync(lockFileOf(rewrittenDir))).toBe(true); // never removes another owner's lock
  });

  it("checks in the background too", async () => {
    const dir = freshDir();
    const lost = new Promise<string>((resolve) => void take(dir, { onLost: resolve, checkEveryMs: 20 }));
    await new Promise((r) => setTimeout(r, 50));
    fs.unlinkSync(lockFileOf(dir));
    await expect(lost).resolves.toMatch(/was removed/);
  });

  it("clears takeover files left by a process that died during a takeover", async () => {
    const dir = freshDir();
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(`${lockFileOf(dir)}.takeover-0123`, "{}");
    await take(dir);
    expect(fs.readdirSync(root).filter((f) => f.includes("takeover"))).toEqual([]);
  });
});
