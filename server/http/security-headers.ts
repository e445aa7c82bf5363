/**
 * The security headers every response carries. Pure: the proxy (proxy.ts) supplies the nonce
 * and whether the request arrived over HTTPS. Edge-safe (no Node APIs), as proxy code must be.
 */

export interface CspOptions {
  /** Fresh per response; Next.js reads it back from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** `next dev` needs eval for React's debugging aids and injects styles without a nonce. */
  dev: boolean;
  https: boolean;
  /** The sign-in form's POST redirects to the identity provider; form-action must let it. */
  formTargets: string[];
}

export function contentSecurityPolicy({ nonce, dev, https, formTargets }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts the nonced Next.js runtime loads are trusted; nothing else.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    // React Flow positions nodes with style attributes, and server-rendered markup carries a few.
    // Attribute styles cannot load anything or select on page content, unlike <style> elements.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    // The lineage layout runs elkjs in a Web Worker built into /_next/static.
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'", ...formTargets],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** One year; no includeSubDomains or preload, which would bind other hosts of the domain too. */
export const HSTS = "max-age=31536000";

/** Features Steward never uses, switched off so an injected frame or script cannot ask for them. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/** Request-independent headers; next.config.ts also puts these on static files. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": PERMISSIONS_POLICY,
  // For browsers without frame-ancestors; the CSP is the real rule.
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export function securityHeaders(options: CspOptions): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "content-security-policy": contentSecurityPolicy(options),
    ...(options.https ? { "strict-transport-security": HSTS } : {}),
  };
}

/** A 128-bit nonce, base64 as CSP wants it (Web Crypto, which both proxy runtimes have). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The origin of the identity provider (OIDC_ISSUER), if sign-in with one is configured. */
export function identityProviderOrigin(issuer: string | undefined): string[] {
  if (!issuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}
