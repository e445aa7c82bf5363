/**
 * The one funnel for route handlers outside tRPC, as tRPC's middleware is for procedures: it
 * refuses cross-site and non-JSON state changes, caps the body before reading it, authenticates
 * (a session holding a scope, or an API token holding a token scope), validates the path, query
 * and body with zod, and answers every failure as `{ error, code, field }` with the status tRPC
 * would give (server/http/errors.ts).
 */
import type { z } from "zod";
import { decide } from "@/server/authz/policy";
import type { Scope } from "@/server/authz/scopes";
import { clientIp, PASSWORD_CHANGE_REQUIRED, requestIdOf, type SessionUser } from "@/server/auth/identity";
import type { AuditActor } from "@/server/audit/record";
import type { Db } from "@/server/db/client";
import { serverEnv } from "@/server/env";
import { authenticateToken, type TokenScope } from "@/server/modules/lineage/tokens.service";
import { processAdmission, type AdmissionLimiter } from "./admission";
import { checkDeclaredLength, readBody, readJson } from "./body";
import { errorResponse, HttpError } from "./errors";
import { checkJsonContentType, checkSameOrigin, declaresBody, STATE_CHANGING } from "./guards";
import { parseOr400 } from "./validation";

type Session = { user: SessionUser | null };

/** What a route needs from the process; tests pass their own. */
export interface RouteDeps {
  db: Db;
  session?: () => Promise<Session>;
  maxBodyBytes?: number;
  appOrigin?: string | null;
  /** The process's limiter by default (admission.ts); tests pass their own. */
  admission?: AdmissionLimiter;
}

export interface RouteShape<P, Q, B> {
  /** Path parameters; a value that does not parse is a 404 with `notFound` ("That segment was not found."). */
  params?: z.ZodType<P>;
  notFound?: string;
  query?: z.ZodType<Q>;
  /** A JSON body; without one, the route takes no body. */
  body?: z.ZodType<B>;
  /** Above the default (STEWARD_MAX_BODY_BYTES) only where a route needs it, and documented there. Tests set `RouteDeps.maxBodyBytes`. */
  maxBodyBytes?: () => number;
  /** A cheap look at the parsed JSON before the schema walks it (e.g. counting a batch's items for a 413); throws an HttpError to refuse. */
  precheck?: (raw: unknown) => void;
}

interface Input<P, Q, B> {
  db: Db;
  req: Request;
  params: P;
  query: Q;
  body: B;
  /** Who acts, for the audit trail. */
  actor: AuditActor;
}

type Next = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type Route = Next & { run(req: Request, deps: RouteDeps, params?: Record<string, string>): Promise<Response> };

const UNAUTHENTICATED = () => new HttpError(401, "UNAUTHORIZED", "Sign in to continue.");

async function defaultSession(): Promise<Session> {
  // Imported when used: next-auth and next/headers exist only inside a request.
  const { currentSession } = await import("@/server/auth");
  return currentSession();
}

function funnel<P, Q, B, Who>(
  what: string,
  shape: RouteShape<P, Q, B>,
  authenticate: (req: Request, deps: RouteDeps) => Promise<{ who: Who; actor: AuditActor }>,
  opts: { browser: boolean },
  handler: (input: Input<P, Q, B>, who: Who) => Promise<Response>,
): Route {
  const run = async (req: Request, deps: RouteDeps, rawParams: Record<string, string> = {}) => {
    let release: (() => void) | undefined;
    try {
      // The turn lasts until the handler has its response; a streamed body (an export) is
      // bounded by its own limit instead (server/db/dedicated.ts).
      release = await (deps.admission ?? processAdmission()).acquire();
      const mutation = STATE_CHANGING.has(req.method);
      const limit = shape.body ? (deps.maxBodyBytes ?? shape.maxBodyBytes?.() ?? serverEnv().maxBodyBytes) : 0;
      if (mutation) {
        // A bearer token is not sent by a browser on its own, so a token route needs no Origin.
        if (opts.browser) checkSameOrigin(req.headers, deps.appOrigin === undefined ? serverEnv().appOrigin : deps.appOrigin);
        checkJsonContentType(req.headers, declaresBody(req.headers));
        // Before authenticating, so that an oversized body costs neither a lookup nor a read.
        checkDeclaredLength(req.headers, limit);
      }
      const { who, actor } = await authenticate(req, deps);
      let params = undefined as P;
      if (shape.params) {
        const parsed = shape.params.safeParse(rawParams);
        if (!parsed.success) throw new HttpError(404, "NOT_FOUND", `${shape.notFound ?? "That"} was not found.`);
        params = parsed.data;
      }
      const query = (shape.query ? parseOr400(shape.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined) as Q;
      let body = undefined as B;
      if (mutation && shape.body) {
        const raw = await readJson(req, limit);
        shape.precheck?.(raw);
        body = parseOr400(shape.body, raw, "body");
      } else if (mutation) await readBody(req, 0);
      return await handler({ db: deps.db, req, params, query, body, actor }, who);
    } catch (err) {
      return errorResponse(err, what);
    } finally {
      release?.();
    }
  };
  const next: Next = async (req, ctx) => {
    const { getDb } = await import("@/server/db");
    const params = Object.fromEntries(Object.entries((await ctx?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
    return run(req, { db: await getDb(), session: defaultSession }, params);
  };
  return Object.assign(next, { run });
}

/** A route for signed-in people: the session's user must hold `scope` (401 signed out, 403 naming what is missing). */
export function sessionRoute<P = undefined, Q = undefined, B = undefined>(
  what: string,
  scope: Scope,
  shape: RouteShape<P, Q, B>,
  handler: (input: Input<P, Q, B> & { user: SessionUser }) => Promise<Response>,
): Route {
  return funnel(
    what,
    shape,
    async (req, deps) => {
      const { user } = await (deps.session ?? defaultSession)();
      if (!user) throw UNAUTHENTICATED();
      if (user.mustChangePassword) throw new HttpError(403, "FORBIDDEN", PASSWORD_CHANGE_REQUIRED);
      const decision = decide(user.roles, scope);
      if (!decision.allowed) throw new HttpError(403, "FORBIDDEN", decision.reason);
      return { who: user, actor: { id: user.id, label: user.email, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent"), requestId: requestIdOf(req.headers) } };
    },
    { browser: true },
    (input, user) => handler({ ...input, user }),
  );
}

/**
 * A route for machines: `Authorization: Bearer <API token>` holding `scope` (401 none or revoked,
 * 403 without the scope). A null scope takes any valid token (GET /api/v1/ping).
 */
export function tokenRoute<P = undefined, Q = undefined, B = undefined>(
  what: string,
  scope: TokenScope | null,
  shape: RouteShape<P, Q, B>,
  handler: (input: Input<P, Q, B> & { token: { id: string; name: string } }) => Promise<Response>,
): Route {
  return funnel(
    what,
    shape,
    async (req, deps) => {
      const auth = req.headers.get("authorization");
      const bearer = auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
      const check = await authenticateToken(deps.db, bearer, scope);
      if (!check.ok) throw new HttpError(check.status, check.status === 401 ? "UNAUTHORIZED" : "FORBIDDEN", check.error);
      const actor = { id: null, label: `token:${check.token.name}`, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent"), requestId: requestIdOf(req.headers) };
      return { who: check.token, actor };
    },
    { browser: false },
    (input, token) => handler({ ...input, token }),
  );
}
