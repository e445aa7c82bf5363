/**
 * One declaration per /api/v1 operation: the same object configures the handler (tokenRoute's
 * scope, path/query/body schemas, body limit) and describes it in the OpenAPI document
 * (server/openapi/document.ts), so the reference cannot drift from what the handler accepts.
 */
import { z } from "zod";
import type { TokenScope } from "@/server/modules/lineage/tokens.service";
import { tokenRoute, type Route, type RouteShape } from "./route";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The refusals route handlers give, with tRPC's code for each (server/http/errors.ts). */
export const ERROR_CODES = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

/** What tokenRoute's funnel itself may answer, per what the route declares (route.ts, body.ts, guards.ts, admission.ts). */
export function funnelErrors(op: Pick<ApiOperation, "params" | "query" | "body" | "scope">): Partial<Record<ErrorStatus, string>> {
  return {
    ...(op.query || op.body ? { 400: `A ${op.body ? "body" : "query parameter"} that does not validate; \`field\` names it.` } : {}),
    401: "No token, or a token that is unknown or revoked.",
    ...(op.scope ? { 403: "The token does not hold this operation's scope." } : {}),
    ...(op.params ? { 404: "The path names nothing Steward knows." } : {}),
    ...(op.body ? { 413: "The body is larger than the limit (checked from Content-Length before reading, and while reading).", 415: "The body is not sent as application/json." } : {}),
    500: "A fault on Steward's side; the message says nothing of its cause, the server log does.",
    503: "The server is busy (its request queue is full or the wait timed out) or the database is unreachable; `Retry-After` says when to try again.",
  };
}

/** The handler's shape (params, query, body, limits: route.ts) plus what the reference shows. */
export interface ApiOperation<P = unknown, Q = unknown, B = unknown> extends RouteShape<P, Q, B> {
  method: HttpMethod;
  /** As OpenAPI writes it: `/api/v1/segments/{key}/decision`. */
  path: string;
  /** Also tokenRoute's name for the operation in logs. */
  summary: string;
  description: string;
  /** Groups operations in the reference. */
  tag: string;
  /** null: any valid token (a health check). */
  scope: TokenScope | null;
  /** Successful answers by status: what the handler returns as JSON. */
  responses: Record<number, { description: string; schema: z.ZodType }>;
  /** Refusals the handler itself adds (beyond funnelErrors), or a more precise description of one. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** A request body for the curl example; a GET's query string goes in `path` form instead. */
  example?: { query?: Record<string, string>; body?: unknown; params?: Record<string, string> };
}

export type ApiRoute = Route & { operation: ApiOperation };

type Handler<P, Q, B> = Parameters<typeof tokenRoute<P, Q, B>>[3];

/** A token-authenticated /api/v1 route, documented by the same declaration that configures it. */
export function apiRoute<P = undefined, Q = undefined, B = undefined>(op: ApiOperation<P, Q, B>, handler: Handler<P, Q, B>): ApiRoute {
  const route = tokenRoute<P, Q, B>(
    op.summary,
    op.scope,
    { params: op.params, notFound: op.notFound, query: op.query, body: op.body, maxBodyBytes: op.maxBodyBytes, precheck: op.precheck },
    handler,
  );
  return Object.assign(route, { operation: op as ApiOperation });
}
