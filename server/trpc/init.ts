import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { decide } from "@/server/authz/policy";
import type { Scope } from "@/server/authz/scopes";
import { isConnectionLost } from "@/server/db/failures";
import { DomainError } from "@/server/errors";
import { INTERNAL_ERROR_MESSAGE, toTRPCError } from "./errors";
import { PASSWORD_CHANGE_REQUIRED } from "@/server/auth/identity";
import type { InnerContext, SessionUser } from "./context";

export { INTERNAL_ERROR_MESSAGE };

/** Declared on every procedure: the scope it needs, or that it is deliberately public. */
export type ProcedureMeta = { scope: Scope; access?: never; whilePasswordChangeRequired?: boolean } | { access: "public"; scope?: never; whilePasswordChangeRequired?: never };

const t = initTRPC
  .context<InnerContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // Never leak internals: a 5xx shows a generic message and no stack.
        message: internal ? INTERNAL_ERROR_MESSAGE : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          domainCode: cause instanceof DomainError ? cause.code : null,
          field: cause instanceof DomainError ? (cause.field ?? null) : null,
          fieldErrors: cause instanceof ZodError ? (z.flattenError(cause).fieldErrors as Record<string, string[]>) : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/**
 * The one place where domain errors become tRPC errors. A read that lost its connection (a
 * terminated backend, a restarted server) is run once more, on a fresh connection: it changed
 * nothing, so the user need not see the failure. Mutations are not: their commit may have landed.
 */
const mapErrors = t.middleware(async ({ type, next }) => {
  let result = await next();
  if (!result.ok && type === "query" && isConnectionLost(result.error.cause)) result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

const base = t.procedure.use(mapErrors);

/** For the few procedures a signed-out visitor may call (first-run setup). */
export const publicProcedure = base.meta({ access: "public" });

/**
 * A procedure that needs `scope`. The scope is declared here, where the procedure is defined,
 * and checked on every call before input is even parsed. A person signed in with a temporary
 * password may call only the few procedures marked `whilePasswordChangeRequired` (changing it).
 */
export function scopedProcedure(scope: Scope, opts: { whilePasswordChangeRequired?: boolean } = {}) {
  const whilePasswordChangeRequired = opts.whilePasswordChangeRequired === true;
  return base.meta({ scope, ...(whilePasswordChangeRequired ? { whilePasswordChangeRequired } : {}) }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    if (ctx.user.mustChangePassword && !whilePasswordChangeRequired) throw new TRPCError({ code: "FORBIDDEN", message: PASSWORD_CHANGE_REQUIRED });
    const decision = decide(ctx.user.roles, scope);
    if (!decision.allowed) throw new TRPCError({ code: "FORBIDDEN", message: decision.reason });
    return next({ ctx: { ...ctx, user: ctx.user as SessionUser } });
  });
}
