import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { signInAttempts, userIdentities, users } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { dummyPasswordHash, verifyPassword } from "@/server/auth/password";
import { rolesFromClaims, SIGN_IN_LIMITS, type OidcSettings } from "@/server/auth/settings";
import { DomainError } from "@/server/errors";
import type { SessionUser } from "@/server/auth/identity";
import { createSession, revokeSession } from "./sessions";
import { inTransaction } from "@/server/db/transaction";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

export interface SignedIn {
  user: SessionUser;
  sessionId: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const BAD_CREDENTIALS = "Email or password is incorrect.";

async function recordFailure(db: Db, email: string, meta: RequestMeta, reason: string, userId: string | null) {
  await inTransaction(db, async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip: meta.ip ?? "unknown", succeeded: false });
    await recordAudit(tx, {
      actor: { id: null, label: email || "(no email)", ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId },
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: userId,
      reason,
    });
  });
}

/** Failures for this account since its last success, and from this IP, inside the window. */
export async function recentFailures(db: Db, email: string, ip: string) {
  const since = sql`now() - make_interval(mins => ${SIGN_IN_LIMITS.windowMinutes})`;
  const [account] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, email),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
        sql`${signInAttempts.at} > coalesce((SELECT max(at) FROM sign_in_attempts s WHERE s.email = ${email} AND s.succeeded), '-infinity')`,
      ),
    );
  const [fromIp] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  return { account: account?.n ?? 0, ip: fromIp?.n ?? 0 };
}

async function completeSignIn(db: Db, user: SessionUser, method: "password" | "oidc", meta: RequestMeta, email: string) {
  return inTransaction(db, async (tx) => {
    if (method === "password") await tx.insert(signInAttempts).values({ email, ip: meta.ip ?? "unknown", succeeded: true });
    await tx
      .update(users)
      .set({ lastSignInAt: sql`now()` })
      .where(eq(users.id, user.id));
    const sessionId = await createSession(tx, user.id, method, meta);
    await recordAudit(tx, {
      actor: { id: user.id, label: user.email, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId },
      action: "auth.signed_in",
      entityType: "user",
      entityId: user.id,
      after: { method },
    });
    return { user, sessionId } satisfies SignedIn;
  });
}

/** Local account sign-in, rate-limited per account and per IP; every outcome is audited. */
export async function signInWithPassword(db: Db, input: { email: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const failures = await recentFailures(db, email, meta.ip ?? "unknown");
  if (failures.account >= SIGN_IN_LIMITS.perAccount || failures.ip >= SIGN_IN_LIMITS.perIp) {
    await recordFailure(db, email, meta, "rate limited", null);
    throw new DomainError("RATE_LIMITED", `Too many failed sign-in attempts. Wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again, or ask an admin to reset your password.`);
  }
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const ok = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!row || !row.passwordHash || !ok) {
    await recordFailure(db, email, meta, "bad credentials", row?.id ?? null);
    throw new DomainError("UNAUTHENTICATED", BAD_CREDENTIALS);
  }
  if (row.disabledAt) {
    await recordFailure(db, email, meta, "account disabled", row.id);
    throw new DomainError("UNAUTHENTICATED", "This account is disabled. Ask an admin to enable it.");
  }
  return completeSignIn(db, { id: row.id, email: row.email, name: row.name, roles: row.roles }, "password", meta, email);
}

export interface OidcProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  claims: Record<string, unknown>;
}

/**
 * Single sign-on: finds the user linked to this identity, links an existing account with the
 * same verified email, or creates one with roles mapped from the claims.
 */
export async function signInWithOidc(db: Db, settings: OidcSettings, profile: OidcProfile, meta: RequestMeta): Promise<SignedIn> {
  const email = profile.email ? normaliseEmail(profile.email) : null;
  const user = await inTransaction(db, async (tx) => {
    const [linked] = await tx
      .select({ user: users })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, settings.issuer), eq(userIdentities.subject, profile.subject)));
    if (linked) return linked.user;
    if (!email) throw new DomainError("UNAUTHENTICATED", "Your identity provider did not share an email address.");
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    const actor: AuditActor = { id: existing?.id ?? null, label: email, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
    if (existing) {
      if (!profile.emailVerified) {
        throw new DomainError("UNAUTHENTICATED", "Your identity provider has not verified your email address.");
      }
      await tx.insert(userIdentities).values({ issuer: settings.issuer, subject: profile.subject, userId: existing.id });
      await recordAudit(tx, { actor, action: "user.updated", entityType: "user", entityId: existing.id, after: { linkedIdentity: settings.issuer }, reason: "single sign-on" });
      return existing;
    }
    const roles = rolesFromClaims(settings, profile.claims);
    const [created] = await tx
      .insert(users)
      .values({ email, name: profile.name?.trim() || email, roles })
      .returning();
    await tx.insert(userIdentities).values({ issuer: settings.issuer, subject: profile.subject, userId: created!.id });
    await recordAudit(tx, {
      actor: { ...actor, id: created!.id },
      action: "user.created",
      entityType: "user",
      entityId: created!.id,
      after: { email, name: created!.name, roles },
      reason: "first single sign-on",
    });
    return created!;
  });
  if (user.disabledAt) {
    await recordFailure(db, user.email, meta, "account disabled (single sign-on)", user.id);
    throw new DomainError("UNAUTHENTICATED", "This account is disabled. Ask an admin to enable it.");
  }
  return completeSignIn(db, { id: user.id, email: user.email, name: user.name, roles: user.roles }, "oidc", meta, user.email);
}

export async function signOut(db: Db, sessionId: string, meta: RequestMeta): Promise<void> {
  await inTransaction(db, async (tx) => {
    const revoked = await revokeSession(tx, sessionId);
    if (!revoked) return;
    const [u] = await tx.select({ email: users.email }).from(users).where(eq(users.id, revoked.userId));
    await recordAudit(tx, {
      actor: { id: revoked.userId, label: u?.email ?? "unknown", ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId },
      action: "auth.signed_out",
      entityType: "user",
      entityId: revoked.userId,
    });
  });
}
