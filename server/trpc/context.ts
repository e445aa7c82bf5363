import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/identity";
import type { AuditActor } from "@/server/audit/record";

export type { SessionUser } from "@/server/auth/identity";

/** Everything a procedure may use; built from a request, or directly by tests. */
export interface InnerContext {
  db: Db;
  user: SessionUser | null;
  sessionId: string | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export function createInnerContext(opts: Partial<InnerContext> & { db: Db }): InnerContext {
  return {
    user: null,
    sessionId: null,
    requestId: randomUUID(),
    ip: null,
    userAgent: null,
    ...opts,
  };
}

export function actorOf(ctx: InnerContext): AuditActor {
  return {
    id: ctx.user?.id ?? null,
    label: ctx.user?.email ?? "anonymous",
    requestId: ctx.requestId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}
