// `npm run jobs:run`: runs the scheduled work once (re-certification requests, automatic pauses,
// expiring stale requests) against the configured database, then exits. The server runs the
// same job every hour by itself.
import { openConfiguredDb, type OpenDb } from "../server/db/client";
import { runScheduledJobs } from "../server/modules/jobs/run";

let opened: OpenDb;
try {
  opened = await openConfiguredDb();
} catch (err) {
  console.error(`[steward] ${(err as Error).message}`);
  process.exit(1);
}
try {
  const result = await runScheduledJobs(opened.db);
  console.log(`[steward] re-certification requests opened: ${result.opened}, segments paused: ${result.paused}, requests expired: ${result.expired}`);
} finally {
  await opened.close();
}
