// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// On the embedded database this takes the same lock as the server, so it refuses to run
// while Steward is running on that folder instead of corrupting it.
import { openConfiguredDb } from "../server/db/client";
import { ensureReferenceData } from "../server/db/reference-data";

const opened = await openConfiguredDb();
await ensureReferenceData(opened.db);
await opened.close();
console.log(`[steward] migrations applied (${opened.kind === "postgres" ? "PostgreSQL" : "embedded database"})`);
