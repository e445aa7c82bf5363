// `npm run jobs:run`: runs the scheduled work once (re-certification requests, automatic pauses,
// expiring stale requests) against the configured database, then exits. The server runs the
// same job every hour by itself.
import { runScheduledJobs } from "../server/modules/jobs/run";
import { withScriptDb } from "./open-for-script";

await withScriptDb(async (opened) => {
  const result = await runScheduledJobs(opened.db);
  console.log(`[steward] re-certification requests opened: ${result.opened}, segments paused: ${result.paused}, requests expired: ${result.expired}`);
});
