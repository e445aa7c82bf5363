import { TRPCError } from "@trpc/server";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import type { Role } from "@/server/authz/scopes";
import { createInnerContext, type SessionUser } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export async function makeUser(db: Db, roles: Role[], opts: { email?: string; name?: string; disabled?: boolean } = {}): Promise<SessionUser> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomBytes(4).toString("hex");
  const [row] = await db
    .insert(users)
    .values({
      email: opts.email ?? `${roles.join("-") || "norole"}-${suffix}@example.test`,
      name: opts.name ?? `Test ${roles.join(" ") || "nobody"} ${suffix}`,
      passwordHash: await cachedHash,
      roles,
      disabledAt: opts.disabled ? new Date() : null,
    })
    .returning();
  return { id: row!.id, email: row!.email, name: row!.name, roles: row!.roles };
}

export function callerFor(db: Db, user: SessionUser | null) {
  return createCaller(createInnerContext({ db, user, ip: "203.0.113.7", userAgent: "vitest" }));
}

/** The TRPCError a call is refused with; fails the test when the call succeeds or throws something else. */
export async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected an error");
}
