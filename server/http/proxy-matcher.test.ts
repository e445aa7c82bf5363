import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { config } from "../../proxy";

// Next.js's own compiler for a proxy's `config.matcher` (the build writes its regexps to
// functions-config-manifest.json), so the table below checks what the built server does. It is
// not in Next.js's type declarations.
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers: (matcher: unknown, nextConfig: object) => Parameters<typeof getMiddlewareRouteMatcher>[0];
};
const runsProxy = getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, {}));

function proxyRuns(method: string, path: string, headers: Record<string, string> = {}): boolean {
  const req = { method, headers } as never;
  return runsProxy(path, req, {});
}

describe("which requests run the proxy (proxy.ts)", () => {
  it.each([
    // Pages: the CSP nonce and the security headers.
    ["GET", "/", {}, true],
    ["GET", "/catalog/segments/frequent_buyers", {}, true],
    ["GET", "/catalog/segments/%C0%AF", {}, true],
    // An undecodable API path gets the proxy's 404 instead of the router's 500.
    ["GET", "/api/v1/segments/%C0%AF/decision", {}, true],
    ["GET", "/api/audit/exports/%ZZ/manifest", {}, true],
    ["POST", "/api/segments/%C0%AF/evidence", {}, true],
    // The API otherwise does not pay for it: it costs a gate decision about half its CPU.
    ["GET", "/api/v1/ping", {}, false],
    ["GET", "/api/v1/segments/frequent_buyers/decision", {}, false],
    ["GET", "/api/audit/exports/3/manifest", {}, false],
    // Never a request with a body: Next.js would buffer it, past the routes' own limits.
    ["POST", "/api/v1/decisions", { "content-length": "120" }, false],
    ["POST", "/api/segments/%C0%AF/evidence", { "content-length": "5" }, false],
    ["POST", "/api/segments/%C0%AF/evidence", { "transfer-encoding": "chunked" }, false],
    ["GET", "/_next/static/chunks/app.js", {}, false],
  ] as const)("%s %s %o: %s", (method, path, headers, expected) => {
    expect(proxyRuns(method, path, headers)).toBe(expected);
  });
});
