import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";

// Raw HTTP against the production server: what Next.js's router and next-auth do before any of
// Steward's code runs cannot be reproduced in-process (issue 17, item 6).

const onSite = (location: string | undefined) => !location || new URL(location, baseURL).origin === new URL(baseURL).origin;

test("a request path that is no valid percent-encoding is a 404, not a 500", async ({ request }) => {
  for (const path of ["/api/audit/exports/%C0%AF", "/api/v1/segments/%C0%AF/decision", "/api/audit/exports/%C0%AF/manifest", "/catalog/segments/%C0%AF", "/catalog/segments/%ZZ"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
  }
  expect((await request.post("/api/segments/%C0%AF/evidence", { maxRedirects: 0 })).status()).toBe(404);
});

async function csrf(request: APIRequestContext) {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

const BAD_CALLBACKS = ["//evil.example", "\\\\evil.example", "http://127.0.0.1:3942.evil.example/", "https://evil.example/", "/\\evil.example"];

test("a malformed or foreign callbackUrl on sign-in is a 400 naming it, or a redirect that stays on the site", async ({ request }) => {
  const csrfToken = await csrf(request);
  for (const callbackUrl of BAD_CALLBACKS) {
    for (const where of ["query", "body"] as const) {
      const url = where === "query" ? `/api/auth/signin/credentials?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/api/auth/signin/credentials";
      const res = await request.post(url, { form: where === "body" ? { csrfToken, callbackUrl } : { csrfToken }, maxRedirects: 0 });
      const what = `${callbackUrl} in the ${where}`;
      expect(res.status(), what).toBeLessThan(500);
      if (res.status() === 400) expect((await res.json()).field, what).toBe("callbackUrl");
      else expect(onSite(res.headers().location), `${what} → ${res.headers().location}`).toBe(true);
      // next-auth keeps the callback in a cookie; it must never name another site either.
      const cookie = (await request.storageState()).cookies.find((c) => c.name.endsWith("next-auth.callback-url"));
      if (cookie) expect(onSite(decodeURIComponent(cookie.value)), `${what}: cookie ${cookie.value}`).toBe(true);
    }
    const page = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expect(page.status(), callbackUrl).toBeLessThan(500);
    expect(onSite(page.headers().location), `${callbackUrl} → ${page.headers().location}`).toBe(true);
  }
});

test("a forged callback-url cookie is refused and cleared, not a 500", async ({ request }) => {
  const res = await request.get("/api/auth/session", { headers: { cookie: "next-auth.callback-url=%5C%5Cevil.example" } });
  expect(res.status()).toBe(400);
  expect(res.headers()["set-cookie"]).toContain("next-auth.callback-url=;");
});
