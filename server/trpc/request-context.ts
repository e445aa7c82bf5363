import "server-only";
import { currentSession } from "@/server/auth";
import { getDb } from "@/server/db";
import { createInnerContext, type InnerContext } from "./context";
import { clientIp, requestIdOf } from "@/server/auth/identity";

/** Builds the context for a real request: database, signed-in user, and request metadata. */
export async function createRequestContext(h: Headers): Promise<InnerContext> {
  const [db, session] = await Promise.all([getDb(), currentSession()]);
  return createInnerContext({
    db,
    user: session.user,
    sessionId: session.sessionId,
    requestId: requestIdOf(h),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  });
}
