import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/server/db/client";
import { log } from "@/server/log";
import { deliverDueWebhooks, failExpiredDeliveries } from "./dispatcher";

/**
 * The dispatcher's loop, one per server process: asks for due deliveries every POLL_MS (one
 * indexed read of the pending rows; a partial index keeps it cheap when there are none), and at
 * once again after a full batch. A short poll rather than LISTEN/NOTIFY: it needs no dedicated
 * connection, works the same on PGlite, and 250 ms keeps commit-to-receiver well under the 2 s
 * goal. Sending happens on this loop, never on a request: handlers only write outbox rows.
 */
const POLL_MS = 250;
const SWEEP_MS = 60_000;

const holder = globalThis as unknown as { __stewardWebhooks?: { stop: () => Promise<void> } };

/** Ends the loop after its current round (sends in flight finish: at most one attempt timeout). */
export async function stopWebhookLoop(): Promise<void> {
  await holder.__stewardWebhooks?.stop();
}

export function startWebhookLoop(getDb: () => Promise<Db>): { stop: () => Promise<void> } {
  if (holder.__stewardWebhooks) return holder.__stewardWebhooks;
  let running = true;
  const done = (async () => {
    let lastSweep = 0;
    let lastErrorLog = 0;
    while (running) {
      let busy = false;
      try {
        const db = await getDb();
        const r = await deliverDueWebhooks(db);
        busy = r.delivered + r.retrying + r.failed > 0;
        if (Date.now() - lastSweep > SWEEP_MS) {
          lastSweep = Date.now();
          await failExpiredDeliveries(db);
        }
      } catch (err) {
        // Once a minute at most: a database that is down would otherwise fill the log.
        if (Date.now() - lastErrorLog > 60_000) {
          lastErrorLog = Date.now();
          log.error({ err }, "webhook dispatcher: a round failed; trying again");
        }
      }
      if (!busy) await sleep(POLL_MS);
    }
  })();
  const handle = {
    stop: async () => {
      running = false;
      await done;
      holder.__stewardWebhooks = undefined;
    },
  };
  holder.__stewardWebhooks = handle;
  return handle;
}
