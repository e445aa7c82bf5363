import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import type { Role } from "@/server/authz/scopes";
import { DomainError, notFound, preconditionFailed } from "@/server/errors";
import { revokeSessionsOf } from "@/server/modules/auth/sessions";
import type { RequestMeta } from "@/server/modules/auth/service";
import type { createUserInput, firstAdminInput, setDisabledInput, updateRolesInput } from "./schemas";
import { assertPasswordAllowed } from "./passwords";
import { inTransaction } from "@/server/db/transaction";

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roles: users.roles,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
  hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
};

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export function listUsers(db: Db) {
  return db.select(publicColumns).from(users).orderBy(asc(users.name), asc(users.email));
}

/** What a person sees of their own sign-in: whether they have a password, and when it last changed. */
export async function passwordStatusOf(db: Db, userId: string) {
  const [row] = await db.select({ hasPassword: publicColumns.hasPassword, passwordChangedAt: users.passwordChangedAt }).from(users).where(eq(users.id, userId));
  return row ?? { hasPassword: false, passwordChangedAt: null };
}

export async function userCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

// Serialises every change that could leave the workspace without an active admin.
const ADMIN_LOCK = 7_412_001;
async function lockAdmins(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`);
}

async function activeAdminsOtherThan(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`'admin' = ANY(${users.roles}) AND ${users.disabledAt} IS NULL AND ${users.id} <> ${userId}`);
  return row?.n ?? 0;
}

async function loadForUpdate(tx: Tx, userId: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, userId)).for("no key update");
  if (!row) throw notFound("That user");
  return row;
}

const snapshot = (u: { email: string; name: string; roles: Role[]; disabledAt: Date | null }) => ({
  email: u.email,
  name: u.name,
  roles: u.roles,
  disabled: u.disabledAt !== null,
});

/** A taken email is a unique violation, answered as a conflict on `email` (server/errors.ts). */
async function insertUser(tx: Tx, values: { email: string; name: string; passwordHash: string | null; roles: Role[]; mustChangePassword?: boolean }) {
  const [created] = await tx
    .insert(users)
    .values({ ...values, passwordChangedAt: values.passwordHash ? sql`now()` : null })
    .returning();
  return created!;
}

/** First run: creates the first admin, only while no user exists (race-safe). */
export async function createFirstAdmin(db: Db, input: z.infer<typeof firstAdminInput>, meta: RequestMeta) {
  assertPasswordAllowed(input.password, input, "password");
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    await lockAdmins(tx);
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((row?.n ?? 0) > 0) throw preconditionFailed("Steward is already set up. Sign in instead.");
    const created = await insertUser(tx, { email: input.email, name: input.name, passwordHash, roles: ["admin"] });
    await recordAudit(tx, {
      actor: { id: created.id, label: created.email, ...meta },
      action: "setup.completed",
      entityType: "user",
      entityId: created.id,
      after: snapshot(created),
      reason: "first-run setup created the first admin",
    });
    return { id: created.id, email: created.email };
  });
}

/**
 * An admin adds someone. The password the admin typed is temporary, as one set later is
 * (passwords.ts): the admin knows it, so the person must choose their own at first sign-in.
 */
export async function createUser(db: Db, actor: AuditActor, input: z.infer<typeof createUserInput>) {
  assertPasswordAllowed(input.password, input, "password");
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const created = await insertUser(tx, { email: input.email, name: input.name, passwordHash, roles: dedupe(input.roles), mustChangePassword: true });
    const after = { ...snapshot(created), mustChangePassword: created.mustChangePassword };
    await recordAudit(tx, { actor, action: "user.created", entityType: "user", entityId: created.id, after });
    return { id: created.id };
  });
}

const dedupe = (roles: Role[]) => [...new Set(roles)];

/**
 * An account without a password, in the caller's transaction: it cannot sign in until an admin
 * sets a temporary password (passwords.ts) or single sign-on links it. Used for the sample
 * workspace's people, so that no default password exists anywhere.
 */
export async function createUserWithoutPassword(tx: Tx, actor: AuditActor, input: { email: string; name: string; roles: Role[] }, reason: string) {
  const created = await insertUser(tx, { email: input.email.toLowerCase(), name: input.name, passwordHash: null, roles: dedupe(input.roles) });
  await recordAudit(tx, { actor, action: "user.created", entityType: "user", entityId: created.id, after: snapshot(created), reason });
  return { id: created.id };
}

export async function updateRoles(db: Db, actor: AuditActor, input: z.infer<typeof updateRolesInput>) {
  return inTransaction(db, async (tx) => {
    await lockAdmins(tx);
    const before = await loadForUpdate(tx, input.userId);
    const roles = dedupe(input.roles);
    const losesAdmin = before.roles.includes("admin") && !roles.includes("admin");
    if (losesAdmin && !before.disabledAt && (await activeAdminsOtherThan(tx, before.id)) === 0) {
      throw new DomainError("PRECONDITION_FAILED", "This is the last active admin. Make someone else an admin first.", { field: "roles" });
    }
    const [after] = await tx
      .update(users)
      .set({ roles, updatedAt: sql`now()` })
      .where(eq(users.id, before.id))
      .returning();
    await recordAudit(tx, {
      actor,
      action: "user.roles_changed",
      entityType: "user",
      entityId: before.id,
      before: { roles: before.roles },
      after: { roles: after!.roles },
    });
  });
}

export async function setDisabled(db: Db, actor: AuditActor, input: z.infer<typeof setDisabledInput>) {
  return inTransaction(db, async (tx) => {
    await lockAdmins(tx);
    const before = await loadForUpdate(tx, input.userId);
    if (input.disabled && before.id === actor.id) {
      throw preconditionFailed("You cannot disable your own account.");
    }
    if (input.disabled && before.roles.includes("admin") && (await activeAdminsOtherThan(tx, before.id)) === 0) {
      throw preconditionFailed("This is the last active admin and cannot be disabled. Make someone else an admin first.");
    }
    if (Boolean(before.disabledAt) === input.disabled) return;
    const [after] = await tx
      .update(users)
      .set({ disabledAt: input.disabled ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(users.id, before.id))
      .returning();
    // A disabled user is signed out everywhere; resolveSession also checks disabledAt.
    if (input.disabled) await revokeSessionsOf(tx, before.id);
    await recordAudit(tx, {
      actor,
      action: input.disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: before.id,
      before: snapshot(before),
      after: snapshot(after!),
      reason: input.reason ?? null,
    });
  });
}
