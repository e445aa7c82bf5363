import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { asDomainError, type DomainErrorCode } from "@/server/errors";

/** The one map from domain error codes to tRPC's, and through tRPC's own table to HTTP statuses. */
const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again; if it keeps happening, tell your admin.";

/** A domain error (or a unique violation) as a tRPC error; null when the fault is ours. */
export function toTRPCError(err: unknown): TRPCError | null {
  const domain = asDomainError(err);
  return domain ? new TRPCError({ code: DOMAIN_TO_TRPC[domain.code], message: domain.message, cause: domain }) : null;
}

export const trpcCodeOf = (code: DomainErrorCode): TRPCError["code"] => DOMAIN_TO_TRPC[code];

/** The HTTP status a domain error gets, the same in route handlers as in tRPC. */
export function httpStatusOf(code: DomainErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_TO_TRPC[code] }));
}
