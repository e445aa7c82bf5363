import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it, afterAll, beforeAll } from "vitest";
import { asDomainError, CONNECTION_LOST_MESSAGE, TIMED_OUT_MESSAGE } from "@/server/errors";
import { openTestDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import type { OpenDb } from "./client";
import { rowsOf } from "./rows";
import { isConnectionLost, isRetryableTransactionError, isStalePreparedStatement } from "./failures";

describe("database failures as the user sees them", () => {
  const pg = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
  const wrapped = (cause: unknown) => new Error("Failed query: select 1", { cause });

  it("a lost connection, from either driver and however wrapped, is a 503 saying so; a timeout says it took too long", () => {
    for (const code of ["57P01", "57P02", "08006", "ECONNRESET", "EPIPE", "CONNECTION_ENDED", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]) {
      expect(isConnectionLost(wrapped(pg(code))), code).toBe(true);
      expect(asDomainError(wrapped(pg(code)))).toMatchObject({ code: "UNAVAILABLE", message: CONNECTION_LOST_MESSAGE, retryAfterSeconds: 1 });
    }
    expect(asDomainError(pg("57014"))).toMatchObject({ code: "UNAVAILABLE", message: TIMED_OUT_MESSAGE });
    expect(asDomainError(pg("25P03"))).toMatchObject({ code: "UNAVAILABLE", message: TIMED_OUT_MESSAGE });
  });

  it("deadlocks and serialization failures are retryable, stale kept statements are told apart; nothing else is, and other errors stay 500s", () => {
    expect(isRetryableTransactionError(wrapped(pg("40P01")))).toBe(true);
    expect(isRetryableTransactionError(pg("40001"))).toBe(true);
    for (const code of ["23505", "57P01", "42P01"]) expect(isRetryableTransactionError(pg(code)), code).toBe(false);
    // A kept statement made stale by a schema change (run again on a budget of its own); 0A000
    // from anything else is neither.
    const stale = (code: string, routine: string) => wrapped(Object.assign(pg(code), { routine }));
    for (const [code, routine] of [
      ["0A000", "RevalidateCachedQuery"],
      ["26000", "FetchPreparedStatement"],
      ["42804", "transformAssignedExpr"],
    ] as const) {
      expect(isStalePreparedStatement(stale(code, routine)), routine).toBe(true);
      expect(isRetryableTransactionError(stale(code, routine)), routine).toBe(false);
    }
    expect(isStalePreparedStatement(stale("0A000", "transformColumnDefinition"))).toBe(false);
    expect(isStalePreparedStatement(pg("40P01"))).toBe(false);
    expect(asDomainError(pg("42P01"))).toBeNull();
    expect(asDomainError(new Error("plain"))).toBeNull();
  });
});

// Terminating backends needs a server with backends: PostgreSQL only (PGlite runs in this process).
if (process.env.TEST_DATABASE_URL) {
  describe("backends terminated under load [postgres]", () => {
    let opened: OpenDb;
    let admin: postgres.Sql;
    beforeAll(async () => {
      opened = await openTestDb("postgres");
      admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    });
    afterAll(async () => {
      await admin?.end();
      await opened?.close();
    });

    it("requests in flight fail fast with a clear 503 (reads retried once), and the next ones succeed", async () => {
      const db = opened.db;
      const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`SELECT current_database() AS name`)) as [{ name: string }];
      const user = await makeUser(db, ["admin"]);
      const target = await makeUser(db, ["marketer"]);
      const api = callerFor(db, user);
      const outcomes: Array<{ ok: boolean; ms: number; code?: string; message?: string }> = [];
      const deadline = performance.now() + 4000;
      let terminated = 0;
      // 20 users each calling in a loop; a read and a write in turn.
      const users = Array.from({ length: 20 }, async (_, u) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const started = performance.now();
          try {
            if (i % 2 === 0) await api.users.list();
            else await api.users.updateRoles({ userId: target.id, roles: (u + i) % 4 === 1 ? ["steward"] : ["marketer"] });
            outcomes.push({ ok: true, ms: performance.now() - started });
          } catch (err) {
            outcomes.push({ ok: false, ms: performance.now() - started, code: (err as TRPCError).code, message: (err as Error).message });
          }
        }
      });
      setTimeout(async () => {
        const rows = await admin`SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`;
        terminated = rows.length;
      }, 1500);
      await Promise.all(users);
      expect(terminated).toBeGreaterThan(0);
      const failures = outcomes.filter((o) => !o.ok);
      // Every failure is the clear 503, never a 500, and none hung.
      for (const f of failures) expect(f, JSON.stringify(f)).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: CONNECTION_LOST_MESSAGE });
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(5000);
      expect(outcomes.filter((o) => o.ok).length).toBeGreaterThan(failures.length);
      // After the termination, everything answers again.
      const after = await Promise.allSettled(Array.from({ length: 30 }, () => api.users.list()));
      expect(after.filter((r) => r.status === "rejected")).toEqual([]);
      console.log(`[resilience] ${outcomes.length} requests, ${failures.length} failed with 503 after ${terminated} backends were terminated`);
    }, 60_000);
  });
}
