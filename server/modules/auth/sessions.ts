import { randomBytes } from "node:crypto";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { authSessions, users } from "@/server/db/schema";
import { serverEnv } from "@/server/env";
import { preparedOnce } from "@/server/db/prepared";
import type { SessionUser } from "@/server/auth/identity";

// Writing lastSeenAt on every request would make every read a write; once a minute is enough
// for an idle timeout measured in hours.
const TOUCH_AFTER_MS = 60_000;

export async function createSession(tx: DbOrTx, userId: string, method: "password" | "oidc", meta: { ip: string | null; userAgent: string | null }): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await tx.insert(authSessions).values({ id, userId, method, ip: meta.ip, userAgent: meta.userAgent });
  return id;
}

// Run on every signed-in request: built and prepared once per database handle, not per call.
const sessionLookup = (db: DbOrTx) =>
  preparedOnce(db, "session_by_id", (d) =>
    d
      .select({
        lastSeenAt: authSessions.lastSeenAt,
        revokedAt: authSessions.revokedAt,
        id: users.id,
        email: users.email,
        name: users.name,
        roles: users.roles,
        disabledAt: users.disabledAt,
        mustChangePassword: users.mustChangePassword,
      })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(authSessions.id, sql.placeholder("id")))
      .prepare("session_by_id"),
  );

/**
 * The user behind a session id, or null when the session was revoked, has been idle too long,
 * or its user is disabled. Checked on every request, so these take effect at once.
 */
export async function resolveSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const [row] = await sessionLookup(db).execute({ id: sessionId });
  if (!row || row.revokedAt || row.disabledAt) return null;
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > serverEnv().sessionIdleMinutes * 60_000) {
    await db.update(authSessions).set({ revokedAt: now }).where(eq(authSessions.id, sessionId));
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, sessionId));
  }
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, mustChangePassword: row.mustChangePassword };
}

export async function revokeSession(tx: DbOrTx, sessionId: string): Promise<{ userId: string } | null> {
  const [row] = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
    .returning({ userId: authSessions.userId });
  return row ?? null;
}

/** Ends every live session of a user, or every one but `keep` (the session changing the password); returns how many. */
export async function revokeSessionsOf(tx: DbOrTx, userId: string, keep?: string | null): Promise<number> {
  const ended = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), keep ? ne(authSessions.id, keep) : undefined))
    .returning({ id: authSessions.id });
  return ended.length;
}
