// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// On the embedded database this takes the same lock as the server, so it refuses to run
// while Steward is running on that folder instead of corrupting it.
import { ensureReferenceData } from "../server/db/reference-data";
import { withScriptDb } from "./open-for-script";

const kind = await withScriptDb(async (opened) => {
  await ensureReferenceData(opened.db);
  return opened.kind;
});
console.log(`[steward] migrations applied (${kind === "postgres" ? "PostgreSQL" : "embedded database"})`);
