/**
 * Cross-site request forgery defences for every state-changing request (README, "Request limits
 * and CSRF"). A browser sends Origin with every POST (and Sec-Fetch-Site with every request in
 * current browsers), and a page cannot forge either, so a request whose Origin is not Steward's
 * own was started by another site. A request with neither header is not from a browser (curl, a
 * pipeline); it carries no ambient cookie unless its sender holds one, so it is let through.
 * Requiring application/json covers older browsers that omit Origin: a page on another origin
 * cannot send that content type without a CORS preflight, which Steward never answers.
 */
import { HttpError } from "./errors";

/** The 415 of a body not sent as JSON. */
export const JSON_BODY_REQUIRED = "Send the request body as application/json.";

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Steward's own origin: NEXTAUTH_URL's when configured. Unconfigured, the Host the browser sent:
 * a forging page cannot choose the Host of the request it makes (it names the victim server),
 * and another site that points its own name at Steward (DNS rebinding) gets no Steward cookies.
 * Behind a proxy that rewrites Host, NEXTAUTH_URL must be set.
 */
function isOwnOrigin(origin: string, headers: Headers, appOrigin: string | null): boolean {
  if (appOrigin) return origin === appOrigin;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== "" && host === headers.get("host");
}

const crossSite = () => new HttpError(403, "FORBIDDEN", "This request came from another site, so it was refused.", null);

/** Throws a 403 unless a state-changing request comes from Steward's own pages (or from no browser). */
export function checkSameOrigin(headers: Headers, appOrigin: string | null): void {
  const origin = headers.get("origin");
  if (origin !== null) {
    // "null": a sandboxed frame, a data: URL or a cross-origin redirect.
    if (!isOwnOrigin(origin, headers, appOrigin)) throw crossSite();
    return;
  }
  const site = headers.get("sec-fetch-site");
  // "none" is a request the user started (typed address, bookmark); same-site is another port or subdomain.
  if (site !== null && site !== "same-origin" && site !== "none") throw crossSite();
}

/**
 * Throws a 415 unless the body is JSON; a request without a body may omit the content type. Form
 * encodings (urlencoded, multipart, text/plain) are what a cross-site form can send.
 */
export function checkJsonContentType(headers: Headers, hasBody: boolean): void {
  const type = headers.get("content-type");
  if (type === null && !hasBody) return;
  const essence = (type ?? "").split(";")[0]!.trim().toLowerCase();
  if (essence !== "application/json") {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", JSON_BODY_REQUIRED, "content-type");
  }
}

/** True when the request declares a body: a length above 0, or a chunked one (no Content-Length). */
export function declaresBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return headers.has("transfer-encoding");
}
