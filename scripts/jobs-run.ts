// `npm run jobs:run [names…]`: runs scheduled jobs once, by hand, against the configured
// database, then exits: the ones named (`npm run jobs:run recertification`), or all of them.
// It does not go through the queue; each job takes the same lock the queue's run takes, so a
// server running it at the same moment makes this wait, not repeat the work.
import { openConfiguredDb, type OpenDb } from "../server/db/client";
import { jobsNamed } from "../server/modules/jobs/jobs";

let opened: OpenDb;
let jobs;
try {
  jobs = jobsNamed(process.argv.slice(2));
  opened = await openConfiguredDb();
} catch (err) {
  console.error(`[steward] ${(err as Error).message}`);
  process.exit(1);
}
try {
  for (const job of jobs) {
    const result = await job.run(opened.db, new Date());
    console.log(
      `[steward] ${job.name}: ${
        Object.entries(result)
          .map(([what, n]) => `${what} ${n}`)
          .join(", ") || "done"
      }`,
    );
  }
} finally {
  await opened.close();
}
