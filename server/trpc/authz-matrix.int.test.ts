import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { PASSWORD_CHANGE_REQUIRED } from "@/server/auth/identity";
import { ROLES, SCOPES, type Role } from "@/server/authz/scopes";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { tableGrants } from "@/server/testing/role-scope-table";
import type { SessionUser } from "./context";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./root";

/** The only procedures a signed-out visitor may call. Adding one here is a deliberate act. */
const PUBLIC_PROCEDURES = new Set(["setup.status", "setup.createFirstAdmin"]);

/** The only procedures someone holding a temporary password may call: seeing who they are, and changing it. */
const WHILE_PASSWORD_CHANGE_REQUIRED = new Set(["auth.me", "users.changeOwnPassword"]);

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>);

it("the router has procedures to check", () => {
  expect(procedures.length).toBeGreaterThan(10);
});

it.each(procedures.map(([path, p]) => [path, p._def.meta] as const))("%s declares a known scope or is an allowed public procedure", (path, meta) => {
  expect(meta, `${path} has no meta: declare its scope with scopedProcedure()`).toBeDefined();
  if (meta?.access === "public") expect(PUBLIC_PROCEDURES.has(path), `${path} is public but not in the allow-list`).toBe(true);
  else expect(SCOPES).toContain(meta?.scope);
});

it.each(procedures.map(([path, p]) => [path, p._def.meta] as const))("%s is open during a pending password change only if allow-listed", (path, meta) => {
  expect(meta?.whilePasswordChangeRequired === true).toBe(WHILE_PASSWORD_CHANGE_REQUIRED.has(path));
});

/** Calls a procedure by its dotted path with an input that is empty, so nothing valid is changed. */
async function call(user: SessionUser | null, getDb: () => Parameters<typeof callerFor>[0], path: string): Promise<unknown> {
  let target: unknown = callerFor(getDb(), user);
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  try {
    await (target as (input: unknown) => Promise<unknown>)({});
    return null;
  } catch (err) {
    return err;
  }
}

describeEachDb("authorization matrix", (getDb) => {
  const usersByRole = {} as Record<Role, SessionUser>;
  beforeAll(async () => {
    for (const role of ROLES) usersByRole[role] = await makeUser(getDb(), [role]);
  });

  const scoped = procedures.filter(([, p]) => p._def.meta?.scope);

  it.each(scoped.map(([path]) => path))("%s refuses a signed-out caller with UNAUTHORIZED", async (path) => {
    const err = await call(null, getDb, path);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("UNAUTHORIZED");
  });

  const cases = scoped.flatMap(([path, p]) => ROLES.map((role) => [path, role, p._def.meta!.scope!] as const));
  // Expectations come from the table written out by hand, not from the role map under test.
  it.each(cases)("%s as %s follows the golden role × scope table", async (path, role, scope) => {
    const err = await call(usersByRole[role], getDb, path);
    if (tableGrants(role, scope)) {
      // Allowed: whatever happens next (bad input, not found), it is not an authorization refusal.
      const code = err instanceof TRPCError ? err.code : null;
      expect(code === "FORBIDDEN" || code === "UNAUTHORIZED", `${role} should reach ${path}: ${String(err)}`).toBe(false);
    } else {
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("FORBIDDEN");
      expect((err as TRPCError).message).toContain(`"${scope}"`);
    }
  });
});

describeEachDb("a pending password change", (getDb) => {
  let pending: SessionUser;
  beforeAll(async () => {
    // Every role, so that a refusal can only come from the pending change.
    pending = { ...(await makeUser(getDb(), [...ROLES])), mustChangePassword: true };
  });

  const scoped = procedures.filter(([, p]) => p._def.meta?.scope);
  it.each(scoped.map(([path]) => path))("%s is refused unless it serves the change", async (path) => {
    const err = await call(pending, getDb, path);
    const code = err instanceof TRPCError ? err.code : null;
    if (WHILE_PASSWORD_CHANGE_REQUIRED.has(path)) {
      expect(code === "FORBIDDEN" || code === "UNAUTHORIZED", `${path}: ${String(err)}`).toBe(false);
    } else {
      expect(code).toBe("FORBIDDEN");
      expect((err as TRPCError).message).toBe(PASSWORD_CHANGE_REQUIRED);
    }
  });
});
