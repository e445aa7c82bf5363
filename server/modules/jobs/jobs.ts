import { lockForTransaction } from "@/server/db/advisory-lock";
import { inTransaction } from "@/server/db/transaction";
import { deliverDueEmails } from "@/server/modules/email/delivery";
import { defaultMailer } from "@/server/modules/email/transport";
import type { AuditActor } from "@/server/audit/record";
import { currentPolicy } from "@/server/modules/policy/settings.service";
import { serverEnv } from "@/server/env";
import { announceExpiredExceptions } from "@/server/modules/policy/blocked-news";
import { pruneDenials } from "@/server/modules/activation/usage/queries";
import { defineJob, type JobDefinition, type JobResult } from "./registry";
import { expireStaleRequests } from "./expiry";
import { openDueRecertifications, pauseOverdue } from "./recertification";
import { raiseWithdrawalAlerts } from "@/server/modules/metrics/withdrawal-alert";

const SYSTEM: AuditActor = { id: null, label: "system" };

/**
 * Re-certification: a request for each active segment whose date has come, and an automatic
 * pause for those overdue beyond the grace period (a twelfth of the re-certification interval,
 * at least 7 days). The job's lock makes a run by hand (`npm run jobs:run`, the admin's "run
 * now") wait for one the queue started, instead of interleaving with it.
 */
export const recertificationJob = defineJob("recertification", {
  cron: "5 * * * *",
  retryLimit: 3,
  async run(db, now) {
    const { settings } = await currentPolicy(db);
    const graceDays = Math.max(7, Math.round(settings.recertificationDays / 12));
    return inTransaction(db, async (tx) => {
      await lockForTransaction(tx, "job", "recertification");
      const opened = await openDueRecertifications(tx, SYSTEM, now);
      const paused = await pauseOverdue(tx, SYSTEM, now, graceDays);
      return { opened, paused };
    });
  },
});

/** Requests undecided more than 30 days past due expire, and their segments return to draft. */
export const requestExpiryJob = defineJob("request-expiry", {
  cron: "35 * * * *",
  retryLimit: 3,
  run: (db, now) =>
    inTransaction(db, async (tx) => {
      await lockForTransaction(tx, "job", "request-expiry");
      return { expired: await expireStaleRequests(tx, SYSTEM, now) };
    }),
});

/**
 * E-mail from the outbox, every minute while STEWARD_SMTP_URL is set. Messages are claimed with
 * SKIP LOCKED and a lease, so a run by hand beside the queue's never sends one twice.
 */
export const emailDeliveryJob = defineJob("email-delivery", {
  cron: "* * * * *",
  retryLimit: 5,
  async run(db, now) {
    const mailer = defaultMailer();
    if (!mailer) return {} as JobResult;
    const { sent, retrying, failed } = await deliverDueEmails(db, now, mailer);
    return { sent, retrying, failed };
  },
});

/**
 * The activation gate's denial log keeps STEWARD_DECISION_LOG_DAYS days; older denials are
 * deleted once a day (in batches, so no long lock). The daily counts stay: they are small.
 */
export const decisionLogPruneJob = defineJob("decision-log-prune", {
  cron: "20 3 * * *",
  retryLimit: 3,
  run: async (db, now) => ({ pruned: await pruneDenials(db, new Date(now.getTime() - serverEnv().decisionLogDays * 86_400_000)) }),
});

/**
 * Policy exceptions that lapsed: each is announced once (audit event, and segment.blocked to
 * webhook receivers when the gate now denies an active segment). The gate itself needs no job:
 * it compares the expiry with the request's clock, so it denies from the lapsing moment on.
 */
export const exceptionExpiryJob = defineJob("exception-expiry", {
  cron: "* * * * *",
  retryLimit: 3,
  run: (db, now) => inTransaction(db, (tx) => announceExpiredExceptions(tx, SYSTEM, now)),
});

/**
 * Consent withdrawal spikes: hourly, the week that ended last is checked for every purpose (so
 * figures sent late in the week after still count), and each spike is raised once.
 */
export const withdrawalSpikeJob = defineJob("withdrawal-spike", {
  cron: "45 * * * *",
  retryLimit: 3,
  run: (db, now) => raiseWithdrawalAlerts(db, now),
});

/** Every scheduled job, in the order a run of all of them takes. */
export const JOBS: readonly JobDefinition[] = [recertificationJob, requestExpiryJob, emailDeliveryJob, decisionLogPruneJob, exceptionExpiryJob, withdrawalSpikeJob];

/** The jobs named, in the order given; an unknown name is an error listing the known ones. */
export function jobsNamed(names: readonly string[]): JobDefinition[] {
  if (names.length === 0) return [...JOBS];
  return names.map((name) => {
    const job = JOBS.find((j) => j.name === name);
    if (!job) throw new Error(`Unknown job "${name}". Jobs: ${JOBS.map((j) => j.name).join(", ")}.`);
    return job;
  });
}
