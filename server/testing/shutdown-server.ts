// A small server wired like `next start` with Steward's start-up (instrumentation.ts): server
// hooks, the embedded database with its lock, the graceful shutdown. For the shutdown's tests:
//   node --import tsx server/testing/shutdown-server.ts <dataDir>
// Prints {"event":"ready","port":…} and {"event":"slow-started"} on stdout, among the log lines.
// GET /slow?ms=N answers after N ms and one query; GET /ready answers {"draining":…}.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { openPglite } from "../db/client";
import { serverEnv } from "../env";
import { installServerHooks } from "../http/node-server";
import { installGracefulShutdown, isDraining, onShutdown } from "../runtime/shutdown";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: shutdown-server.ts <dataDir>");
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

installServerHooks();
const opened = await openPglite(dataDir, { migrate: false });
onShutdown("database", opened.close);
installGracefulShutdown({ timeoutMs: serverEnv().shutdownTimeoutMs });

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/slow") {
    say({ event: "slow-started" });
    setTimeout(
      async () => {
        // The database is still open for a request that started before the signal.
        const result = await opened.db.execute(sql`SELECT 41 + 1 AS answer`);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ done: true, result }));
      },
      Number(url.searchParams.get("ms") ?? 0),
    );
    return;
  }
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ draining: isDraining() }));
});
server.listen(0, "127.0.0.1", () => say({ event: "ready", port: (server.address() as AddressInfo).port }));
