/**
 * Runs once when the server starts: stamps each request with its socket address (the client
 * address the sign-in limit and the audit trail use; server/http/peer-stamp.ts), checks
 * STEWARD_TRUSTED_PROXIES, opens the database, which applies pending migrations and takes the
 * embedded database's lock, so a misconfiguration fails at start, not on first click; then
 * starts the scheduled jobs (server/modules/jobs).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./server/http/peer-stamp")).installPeerStamp();
  (await import("./server/http/trusted-proxies")).trustedProxies();
  const opened = await (await import("./server/db/startup")).openAtStartup();
  if (opened) (await import("./server/modules/jobs/scheduler")).startScheduler();
}
