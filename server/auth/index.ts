import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getDb } from "@/server/db";
import { resolveSession } from "@/server/modules/auth/sessions";
import type { SessionUser } from "@/server/trpc/context";
import { authOptions } from "./config";

/** The signed-in user and their session id for this request, or nulls. Cached per request. */
export const currentSession = cache(async (): Promise<{ user: SessionUser | null; sessionId: string | null }> => {
  const session = (await getServerSession(authOptions())) as { sid?: string } | null;
  const sid = session?.sid;
  if (!sid) return { user: null, sessionId: null };
  const user = await resolveSession(await getDb(), sid);
  return { user, sessionId: user ? sid : null };
});
