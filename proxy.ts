import { NextResponse, type NextRequest } from "next/server";
import { peerAddress } from "@/server/http/peer-stamp";
import { identityProviderOrigin, newNonce, securityHeaders } from "@/server/http/security-headers";
import { parseAddress, peerIsTrusted, trustedProxies } from "@/server/http/trusted-proxies";
import { isUndecodablePath, undecodablePathResponse } from "@/server/validation/path";

/**
 * Runs before routing on pages: refuses a path the router itself would fail on, and sets the
 * security headers with a fresh CSP nonce per request. Next.js reads the nonce from the request's
 * CSP header and puts it on its own inline and bundle scripts, which is why the policy is set on
 * the request as well. Authorization is not done here (see README).
 */
export function proxy(request: NextRequest) {
  if (isUndecodablePath(request.nextUrl.pathname)) return undecodablePathResponse();
  // API answers take their headers from next.config.ts; here they only get the path check.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const https = servedOverHttps(request.headers);
  const headers = securityHeaders({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === "development",
    https,
    formTargets: identityProviderOrigin(process.env.OIDC_ISSUER),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** HTTPS per NEXTAUTH_URL, or per X-Forwarded-Proto when a trusted proxy sent it. */
function servedOverHttps(headers: Headers): boolean {
  if (process.env.NEXTAUTH_URL?.startsWith("https:")) return true;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto === "https" && peerIsTrusted(parseAddress(peerAddress(headers)), trustedProxies());
}

export const config = {
  // Not /api with a body: a proxy makes Next.js buffer (and cut at 10 MB) every request body before the
  // handler runs, which would undo the body limits (server/http/body.ts). API responses get a
  // deny-all CSP from next.config.ts instead; build output under /_next/static gets the
  // request-independent headers from there too.
  matcher: [
    "/((?!api/|_next/static|_next/image).*)",
    // /api only for a path with a "%" (no other can be undecodable) and no body: the proxy costs
    // every request it runs on ~0.6 ms of the server's CPU, half a token-checked API call's.
    {
      source: "/api/:path(.*%.*)",
      missing: [
        { type: "header", key: "content-length", value: "[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
