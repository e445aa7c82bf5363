/**
 * What a load balancer asks before sending a process traffic (/api/ready; /api/health only says
 * the process answers). Ready means: the database answers within a few seconds, it has every
 * migration this build needs, and the process is not stopping (server/runtime/shutdown.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { pendingMigrations } from "@/server/db/migration-state";
import { getProcessDb } from "@/server/db/process-db";
import { log } from "@/server/log";
import { isDraining } from "./shutdown";

/** A balancer polls every few seconds; a database slower than this is as good as down to a user. */
export const READINESS_TIMEOUT_MS = 3_000;

export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unreachable" | "timeout" | "not checked";
    migrations: "ok" | "pending" | "not checked";
    draining: boolean;
  };
}

export interface ReadinessDeps {
  db?: () => Promise<Db>;
  timeoutMs?: number;
}

export async function readiness(deps: ReadinessDeps = {}): Promise<Readiness> {
  const draining = isDraining();
  // A stopping process is out of rotation whatever its database says; no query needed.
  if (draining) return { ready: false, checks: { database: "not checked", migrations: "not checked", draining } };
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const probe = (async () => {
    const db = await (deps.db ?? getProcessDb)();
    await db.execute(sql`SELECT 1`);
    return pendingMigrations(db);
  })();
  let checks: Readiness["checks"];
  try {
    const outcome = await Promise.race([probe, timedOut]);
    checks = outcome === "timeout" ? { database: "timeout", migrations: "not checked", draining } : { database: "ok", migrations: outcome === 0 ? "ok" : "pending", draining };
  } catch (err) {
    log.warn({ err }, "readiness: the database is unreachable");
    checks = { database: "unreachable", migrations: "not checked", draining };
  } finally {
    clearTimeout(timer);
  }
  probe.catch(() => {}); // a probe that lost the race may still fail later
  return { ready: checks.database === "ok" && checks.migrations === "ok" && !checks.draining, checks };
}
