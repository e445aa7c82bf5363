/**
 * Runs once when the server starts: installs the server hooks (socket address stamp, request id,
 * in-flight count, access log; server/http/node-server.ts), checks STEWARD_TRUSTED_PROXIES, opens
 * the database, which applies pending migrations and takes the embedded database's lock, so a
 * misconfiguration fails at start, not on first click; then starts the scheduled jobs
 * (server/modules/jobs), the activation gate's usage recorder (flushed every second and on
 * shutdown; server/modules/activation/usage.ts) and the graceful shutdown on SIGTERM
 * (server/runtime/shutdown.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./server/http/node-server")).installServerHooks();
  (await import("./server/http/trusted-proxies")).trustedProxies();
  const opened = await (await import("./server/db/startup")).openAtStartup();
  if (!opened) return;
  (await import("./server/modules/jobs/scheduler")).startScheduler();
  const { serverEnv } = await import("./server/env");
  (await import("./server/runtime/shutdown")).installGracefulShutdown({ timeoutMs: serverEnv().shutdownTimeoutMs });
}
