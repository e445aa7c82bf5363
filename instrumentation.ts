/**
 * Runs once when the server starts: opens the database, which applies pending migrations and
 * takes the embedded database's lock, so a misconfiguration fails at start, not on first click;
 * then starts the scheduled jobs (server/modules/jobs).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const opened = await (await import("./server/db/startup")).openAtStartup();
  if (opened) (await import("./server/modules/jobs/scheduler")).startScheduler();
}
