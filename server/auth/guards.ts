import "server-only";
import { redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { decide } from "@/server/authz/policy";
import type { Scope } from "@/server/authz/scopes";
import { userCount } from "@/server/modules/users/service";
import type { SessionUser } from "@/server/auth/identity";
import { currentSession } from ".";

/** First run: no account exists yet, so /setup creates the first admin. */
export async function needsSetup(): Promise<boolean> {
  return (await userCount(await getDb())) === 0;
}

/**
 * For pages: first run leads to /setup, a signed-out visitor to /sign-in, and someone holding a
 * temporary password to /change-password (the API refuses them everything else as well).
 */
export async function requireUser(): Promise<SessionUser> {
  const { user } = await currentSession();
  // A live session means an account exists, so first-run setup is asked about only without one
  // (one statement fewer on every page, twice over with a layout and its page).
  if (!user) redirect((await needsSetup()) ? "/setup" : "/sign-in");
  if (user.mustChangePassword) redirect("/change-password");
  return user;
}

/** For pages that need a scope: the reason to show when the viewer lacks it, or null. */
export async function deniedReason(scope: Scope): Promise<string | null> {
  const user = await requireUser();
  const d = decide(user.roles, scope);
  return d.allowed ? null : d.reason;
}
