import type { TRPCError } from "@trpc/server";
import { asDomainError } from "@/server/errors";
import { log } from "@/server/log";
import { httpStatusOf, trpcCodeOf } from "@/server/trpc/errors";

/** tRPC's error codes, so that a route handler's `code` reads as a tRPC error's `data.code` does. */
export type HttpErrorCode = TRPCError["code"];

/**
 * A refusal decided at the HTTP layer, before any domain code runs: a body too large, a wrong
 * content type, a cross-site request, a bad query string.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** The one JSON error shape of every route handler (and of the tRPC endpoint's own refusals). */
export interface ErrorBody {
  error: string;
  code: HttpErrorCode;
  field: string | null;
}

export function errorJson(status: number, body: ErrorBody, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

export const ROUTE_INTERNAL_ERROR = "Something went wrong on our side. Please try again; if it keeps happening, tell your admin.";

/**
 * Any error as a response: HTTP refusals as they are, domain errors (and unique violations) with
 * the status tRPC would give them, anything else a logged 500 that says nothing of the cause.
 */
export function errorResponse(err: unknown, what: string): Response {
  if (err instanceof HttpError) {
    // A body refused unread: closing the connection spares reading the rest just to discard it.
    const close = err.status === 413 ? { connection: "close" } : undefined;
    return errorJson(err.status, { error: err.message, code: err.code, field: err.field }, close);
  }
  const domain = asDomainError(err);
  if (domain) {
    const retry = domain.retryAfterSeconds === undefined ? undefined : { "retry-after": String(domain.retryAfterSeconds) };
    if (domain.code === "UNAVAILABLE" && domain.cause) log.warn({ err: domain.cause }, `${what}: ${domain.message}`);
    return errorJson(httpStatusOf(domain.code), { error: domain.message, code: trpcCodeOf(domain.code), field: domain.field ?? null }, retry);
  }
  log.error({ err }, `${what} failed`);
  return errorJson(500, { error: ROUTE_INTERNAL_ERROR, code: "INTERNAL_SERVER_ERROR", field: null });
}
