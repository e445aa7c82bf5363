// `npm run jobs:run`: runs the scheduled work once (re-certification requests, automatic pauses,
// expiring stale requests, and sending due e-mail when STEWARD_SMTP_URL is set) against the
// configured database, then exits. The server runs the same work by itself (e-mail every minute).
import { openConfiguredDb, type OpenDb } from "../server/db/client";
import { runScheduledJobs } from "../server/modules/jobs/run";
import { deliverDueEmails } from "../server/modules/email/delivery";
import { defaultMailer } from "../server/modules/email/transport";

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
  const mailer = defaultMailer();
  if (mailer) {
    const mail = await deliverDueEmails(opened.db, new Date(), mailer);
    console.log(`[steward] e-mails sent: ${mail.sent}, to retry: ${mail.retrying}, failed for good: ${mail.failed}`);
  }
} finally {
  await opened.close();
}
