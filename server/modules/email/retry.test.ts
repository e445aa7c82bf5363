import { describe, expect, it } from "vitest";
import { backoffMs, MAX_ATTEMPTS, nextAttemptAfterFailure } from "./retry";

describe("e-mail retries", () => {
  it("back off exponentially from one minute, capped at six hours", () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(backoffMs(20)).toBe(6 * 60 * 60_000);
  });

  it("stop after the last attempt", () => {
    const now = new Date("2026-12-03T00:00:00Z");
    expect(nextAttemptAfterFailure(1, now)).toEqual(new Date("2026-12-03T00:01:00Z"));
    expect(nextAttemptAfterFailure(MAX_ATTEMPTS - 1, now)).not.toBeNull();
    expect(nextAttemptAfterFailure(MAX_ATTEMPTS, now)).toBeNull();
  });
});
