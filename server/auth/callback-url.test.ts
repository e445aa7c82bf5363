import { describe, expect, it } from "vitest";
import { isUnreadableCallbackUrl, refuseUnreadableCallbackUrl, safeCallbackUrl } from "./callback-url";

const BASE = "http://127.0.0.1:3942";

describe("sign-in callback URLs", () => {
  it.each([
    ["/catalog?tab=1", `${BASE}/catalog?tab=1`],
    [`${BASE}/audit`, `${BASE}/audit`],
    ["//evil.example", BASE],
    ["/\\evil.example", BASE],
    ["\\\\evil.example", BASE],
    ["/\t/evil.example", BASE],
    ["https://evil.example/", BASE],
    ["http://127.0.0.1:3942.evil.example/", BASE],
    [`${BASE}//evil.example`, BASE],
    ["javascript:alert(1)", BASE],
  ])("%s goes to %s", (url, expected) => {
    expect(safeCallbackUrl(url, BASE)).toBe(expected);
  });

  it("names the values next-auth itself would fail on", () => {
    expect(isUnreadableCallbackUrl("\\\\evil.example", BASE)).toBe(true);
    expect(isUnreadableCallbackUrl("http://127.0.0.1:3942.evil.example/", BASE)).toBe(true);
    expect(isUnreadableCallbackUrl("/catalog", BASE)).toBe(false);
  });

  it("answers 400 naming callbackUrl, and clears a bad cookie", async () => {
    const res = refuseUnreadableCallbackUrl(new Request(`${BASE}/api/auth/signin?callbackUrl=%5C%5Cevil.example`))!;
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "callbackUrl" });
    const cookie = refuseUnreadableCallbackUrl(new Request(`${BASE}/api/auth/session`, { headers: { cookie: "a=b; next-auth.callback-url=%5C%5Cevil.example" } }))!;
    expect(cookie.status).toBe(400);
    expect(cookie.headers.get("set-cookie")).toContain("next-auth.callback-url=; Path=/; Max-Age=0");
    expect(
      refuseUnreadableCallbackUrl(new Request(`${BASE}/api/auth/signin?callbackUrl=%2Fcatalog`, { headers: { cookie: "next-auth.callback-url=http%3A%2F%2F127.0.0.1%3A3942" } })),
    ).toBeNull();
  });
});
