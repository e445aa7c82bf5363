/**
 * Runs once when the server starts: stamps each request with its socket address (the client
 * address the sign-in limit and the audit trail use; server/http/peer-stamp.ts), checks
 * STEWARD_TRUSTED_PROXIES, and opens the database, which applies pending migrations and takes
 * the embedded database's lock, so a misconfiguration fails at start, not on first click.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("./server/http/peer-stamp")).installPeerStamp();
  (await import("./server/http/trusted-proxies")).trustedProxies();
  await (await import("./server/db/startup")).openAtStartup();
}
