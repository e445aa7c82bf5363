/**
 * Setting passwords after an account exists: an admin's temporary password, which the person must
 * replace at their next sign-in, and a person changing their own. Both check the one password rule
 * (server/auth/password-rule.ts), end the person's other sessions and are audited; neither the
 * password nor its hash ever reaches the audit trail.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { signInAttempts, users } from "@/server/db/schema";
import { inTransaction } from "@/server/db/transaction";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { checkPassword, personalWords } from "@/server/auth/password-rule";
import { SIGN_IN_LIMITS } from "@/server/auth/settings";
import { DomainError, invalid, notFound, preconditionFailed } from "@/server/errors";
import { revokeSessionsOf } from "@/server/modules/auth/sessions";
import { recentFailures } from "@/server/modules/auth/service";

/** Refuses a password the rule does not allow, naming the field it was typed in. */
export function assertPasswordAllowed(password: string, person: { email?: string | null; name?: string | null }, field: string): void {
  const verdict = checkPassword(password, personalWords(person));
  if (!verdict.ok) throw invalid(verdict.reason, field);
}

async function loadUser(db: Db, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row) throw notFound("That user");
  return row;
}

/**
 * An admin gives someone a temporary password (the way in for the sample workspace's people, and
 * for anyone who forgot theirs). Their sessions end now, and at their next sign-in they can do
 * nothing but choose their own.
 */
export async function setTemporaryPassword(db: Db, actor: AuditActor, input: { userId: string; password: string }) {
  if (input.userId === actor.id) throw preconditionFailed("Change your own password under Settings → Change password, with your current one.");
  const target = await loadUser(db, input.userId);
  assertPasswordAllowed(input.password, target, "password");
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.userId)).for("no key update");
    if (!before) throw notFound("That user");
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.id, before.id));
    const sessionsEnded = await revokeSessionsOf(tx, before.id);
    await recordAudit(tx, {
      actor,
      action: "user.temporary_password_set",
      entityType: "user",
      entityId: before.id,
      before: { hadPassword: before.passwordHash !== null, mustChangePassword: before.mustChangePassword },
      after: { mustChangePassword: true, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/** A wrong current password counts toward the sign-in limit, so a session cannot be used to guess it. */
async function recordWrongCurrentPassword(db: Db, actor: AuditActor, user: { id: string; email: string }) {
  await inTransaction(db, async (tx) => {
    await tx.insert(signInAttempts).values({ email: user.email.toLowerCase(), ip: actor.ip ?? "unknown", succeeded: false });
    await recordAudit(tx, { actor, action: "user.password_change_failed", entityType: "user", entityId: user.id, reason: "current password did not match" });
  });
}

/**
 * A person replaces their own password, proving the current one. Every other session of theirs
 * ends; the one they are using (`sessionId`) goes on, now free of a pending temporary password.
 */
export async function changeOwnPassword(db: Db, actor: AuditActor, sessionId: string | null, input: { currentPassword: string; newPassword: string }) {
  if (!actor.id) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
  const me = await loadUser(db, actor.id);
  if (!me.passwordHash) {
    throw preconditionFailed("You sign in through single sign-on and have no Steward password. An admin can give you a temporary one if you need it.");
  }
  const failures = await recentFailures(db, me.email.toLowerCase(), actor.ip ?? "unknown");
  if (failures.account >= SIGN_IN_LIMITS.perAccount || failures.ip >= SIGN_IN_LIMITS.perIp) {
    throw new DomainError("RATE_LIMITED", `Too many wrong passwords. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again.`);
  }
  if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
    await recordWrongCurrentPassword(db, actor, me);
    throw invalid("That is not your current password.", "currentPassword");
  }
  if (input.newPassword === input.currentPassword) throw invalid("Choose a password different from your current one.", "newPassword");
  assertPasswordAllowed(input.newPassword, me, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, me.id)).for("no key update");
    // Changed by someone else (an admin, another tab) since the current password was checked.
    if (!before || before.passwordHash !== me.passwordHash) throw preconditionFailed("Your password was changed meanwhile. Sign in again and retry.");
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.id, me.id));
    const otherSessionsEnded = await revokeSessionsOf(tx, me.id, sessionId);
    await recordAudit(tx, {
      actor,
      action: "user.password_changed",
      entityType: "user",
      entityId: me.id,
      before: { mustChangePassword: before.mustChangePassword },
      after: { mustChangePassword: false, otherSessionsEnded },
      reason: before.mustChangePassword ? "replaced a temporary password" : null,
    });
    return { otherSessionsEnded };
  });
}
