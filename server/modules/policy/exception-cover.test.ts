import { describe, expect, it } from "vitest";
import { exceptionStatus } from "./exception-cover";

describe("exceptionStatus", () => {
  const now = new Date("2026-06-01T12:00:00.000Z");
  const at = (ms: number) => new Date(now.getTime() + ms);

  it("is active while the expiry is ahead of now, even by a millisecond", () => {
    expect(exceptionStatus({ revokedAt: null, expiresAt: at(1) }, now)).toBe("active");
    expect(exceptionStatus({ revokedAt: null, expiresAt: at(7 * 86_400_000) }, now)).toBe("active");
  });

  it("is expired from the moment of expiry on", () => {
    expect(exceptionStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(exceptionStatus({ revokedAt: null, expiresAt: at(-1) }, now)).toBe("expired");
  });

  it("is revoked once revoked, whatever its expiry", () => {
    expect(exceptionStatus({ revokedAt: at(-1000), expiresAt: at(86_400_000) }, now)).toBe("revoked");
    expect(exceptionStatus({ revokedAt: at(-1000), expiresAt: at(-10) }, now)).toBe("revoked");
  });

  it("decides by the given clock, not the machine's", () => {
    const longAgo = new Date("2001-01-01T00:00:00.000Z");
    expect(exceptionStatus({ revokedAt: null, expiresAt: new Date("2001-01-02T00:00:00.000Z") }, longAgo)).toBe("active");
  });
});
