import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, identityProviderOrigin, newNonce, securityHeaders } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

const production = { nonce: "abc123==", dev: false, https: false, formTargets: [] as string[] };

describe("the Content-Security-Policy", () => {
  it("runs only nonced scripts in production: no inline, no eval", () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    // Inline <style> only with the nonce: no hashes, no 'unsafe-inline'.
    expect(csp["style-src"]).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(Object.values(csp).flat()).not.toContain("'unsafe-eval'");
  });

  it("allows eval and inline styles only under next dev", () => {
    const csp = directives(contentSecurityPolicy({ ...production, dev: true }));
    expect(csp["script-src"]).toContain("'unsafe-eval'");
    expect(csp["style-src"]).toContain("'unsafe-inline'");
  });

  it("refuses framing, plugins, base rewriting and foreign form targets", () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
  });

  it("lets the sign-in form hand over to the identity provider", () => {
    const targets = identityProviderOrigin("https://id.example.com/realms/acme");
    expect(targets).toEqual(["https://id.example.com"]);
    expect(directives(contentSecurityPolicy({ ...production, formTargets: targets }))["form-action"]).toEqual(["'self'", "https://id.example.com"]);
    expect(identityProviderOrigin(undefined)).toEqual([]);
  });

  it("allows the lineage layout worker from our own origin", () => {
    expect(directives(contentSecurityPolicy(production))["worker-src"]).toContain("'self'");
  });
});

describe("security headers", () => {
  it("are on every response, with HSTS only over HTTPS", () => {
    const plain = securityHeaders(production);
    expect(plain).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
    });
    expect(plain["permissions-policy"]).toContain("camera=()");
    expect(plain["strict-transport-security"]).toBeUndefined();
    const secure = securityHeaders({ ...production, https: true });
    expect(secure["strict-transport-security"]).toBe("max-age=31536000");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("use a fresh 128-bit nonce per response", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
