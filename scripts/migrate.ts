// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// On the embedded database this takes the same lock as the server, so it refuses to run
// while Steward is running on that folder instead of corrupting it.
import { openConfiguredDb, type OpenDb } from "../server/db/client";
import { ensureReferenceData } from "../server/db/reference-data";

let opened: OpenDb;
try {
  opened = await openConfiguredDb();
} catch (err) {
  // Locked folder or unreachable server: the message says what to do; a stack trace would not.
  console.error(`[steward] ${(err as Error).message}`);
  process.exit(1);
}
try {
  await ensureReferenceData(opened.db);
} finally {
  await opened.close();
}
console.log(`[steward] migrations applied (${opened.kind === "postgres" ? "PostgreSQL" : "embedded database"})`);
