// A separate process that opens an embedded data folder, for the lock's tests:
//   node --import tsx server/testing/lock-holder.ts <dataDir> [--lock-only]
// Prints one JSON line per event on stdout ({"event":"ready"|"refused"|"wrote",…}); reads
// commands on stdin: "write" (inserts a row, prints the row count), "exit" (closes and exits 0).
// --lock-only takes just the lock, without PGlite (fast, for the lock's own behaviour).
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { acquireDataDirLock, DataDirLockedError } from "../db/data-dir-lock";
import { openPglite } from "../db/client";
import { rowsOf } from "../db/rows";

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: lock-holder.ts <dataDir> [--lock-only]");
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

let close: () => Promise<void>;
let write: () => Promise<number>;
const started = performance.now();
try {
  if (mode === "--lock-only") {
    const lock = await acquireDataDirLock(dataDir);
    say({ event: "ready", pid: process.pid, lockMs: performance.now() - started, stale: lock.staleFrom?.owner.pid ?? null });
    close = async () => lock.release();
    write = async () => {
      lock.assertHeld();
      return 0;
    };
  } else {
    const opened = await openPglite(dataDir, { migrate: false });
    await opened.db.execute(sql`CREATE TABLE IF NOT EXISTS writes (n serial PRIMARY KEY, pid int NOT NULL)`);
    say({ event: "ready", pid: process.pid, openMs: performance.now() - started });
    close = opened.close;
    write = async () => {
      await opened.db.execute(sql`INSERT INTO writes (pid) VALUES (${process.pid})`);
      return Number(rowsOf<{ count: string }>(await opened.db.execute(sql`SELECT count(*)::text AS count FROM writes`))[0]!.count);
    };
  }
} catch (err) {
  if (!(err instanceof DataDirLockedError)) throw err;
  say({ event: "refused", message: err.message });
  process.exit(3);
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === "write") say({ event: "wrote", count: await write() });
  if (line === "exit") break;
}
await close();
process.exit(0);
