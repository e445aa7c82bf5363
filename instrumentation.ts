/**
 * Runs once when the server starts: opens the database, which applies pending migrations and
 * takes the embedded database's lock, so a misconfiguration fails at start, not on first click.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./server/db/startup")).openAtStartup();
}
