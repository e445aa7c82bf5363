import { describe, expect, it } from "vitest";
import { SessionTokenCache } from "./session-token-cache";

describe("session token cache", () => {
  it("returns the session id until the token's expiry or the TTL, whichever is first", () => {
    const c = new SessionTokenCache(10, 1000);
    c.set("a", "sid-a", 5_500, 5_000);
    c.set("b", "sid-b", undefined, 5_000);
    expect(c.get("a", 5_400)).toBe("sid-a");
    expect(c.get("a", 5_500)).toBeUndefined();
    expect(c.get("b", 5_999)).toBe("sid-b");
    expect(c.get("b", 6_000)).toBeUndefined();
  });

  it("never caches an expired token, and drops the least recently used beyond its size", () => {
    const c = new SessionTokenCache(2, 1000);
    c.set("old", "x", 100, 200);
    expect(c.get("old", 200)).toBeUndefined();
    c.set("a", "1", undefined, 0);
    c.set("b", "2", undefined, 0);
    expect(c.get("a", 1)).toBe("1"); // a is now the most recent
    c.set("c", "3", undefined, 2);
    expect(c.size).toBe(2);
    expect(c.get("b", 3)).toBeUndefined();
    expect(c.get("a", 3)).toBe("1");
    expect(c.get("c", 3)).toBe("3");
  });
});
