import { randomUUID } from "node:crypto";

/** What a caller's `X-Request-Id` may look like to be kept: a UUID, a trace id, `job-42.retry`… */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * The id stored with every audit event of this request. A caller's id is kept only when it is
 * short and plain (so a correlation id from a pipeline or proxy survives); anything else, such as
 * a formula, markup or a megabyte, is replaced by a fresh UUID.
 */
export function requestIdOf(headers: Headers): string {
  return requestIdFrom(headers.get("x-request-id"));
}

/** The same for a raw header value (node-server.ts settles the id before Next.js reads the request). */
export function requestIdFrom(value: string | null | undefined): string {
  const given = value?.trim();
  return given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
