import "server-only";
import { decide } from "@/server/authz/policy";
import type { Scope } from "@/server/authz/scopes";
import type { SessionUser } from "@/server/auth/identity";
import { currentSession } from ".";

/**
 * For route handlers outside tRPC: the signed-in user holding `scope`, or the JSON response to
 * return instead (401 signed out, 403 naming the missing permission), as tRPC answers.
 */
export async function authorizeRoute(scope: Scope): Promise<{ user: SessionUser; denied?: never } | { denied: Response; user?: never }> {
  const { user } = await currentSession();
  if (!user) return { denied: Response.json({ error: { code: "UNAUTHORIZED", message: "Sign in to continue." } }, { status: 401 }) };
  const decision = decide(user.roles, scope);
  if (!decision.allowed) return { denied: Response.json({ error: { code: "FORBIDDEN", message: decision.reason } }, { status: 403 }) };
  return { user };
}
