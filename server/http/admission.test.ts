import { describe, expect, it, vi } from "vitest";
import { DomainError } from "@/server/errors";
import { AdmissionLimiter, BUSY_MESSAGE } from "./admission";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("admission", () => {
  it("runs up to the limit at once, queues the next ones in order, and refuses beyond the queue with a 503 and Retry-After", async () => {
    const limiter = new AdmissionLimiter({ maxConcurrent: 2, maxQueued: 1, queueTimeoutMs: 10_000 });
    const gates = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        order.push(i);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect([limiter.running, limiter.waiting]).toEqual([2, 1]);
    const refused = await limiter.run(async () => "never").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "UNAVAILABLE", message: BUSY_MESSAGE, retryAfterSeconds: 1 });
    expect(limiter.refused).toBe(1);
    gates[0]!.resolve();
    await runs[0];
    await vi.waitFor(() => expect(order).toEqual([0, 1, 2]));
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect([limiter.running, limiter.waiting]).toEqual([0, 0]);
  });

  it("a request that waits longer than the queue timeout is refused, and its place is given up", async () => {
    vi.useFakeTimers();
    try {
      const limiter = new AdmissionLimiter({ maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 500 });
      const gate = deferred();
      const first = limiter.run(() => gate.promise);
      const waiting = limiter.run(async () => "late").catch((e: unknown) => e);
      expect(limiter.waiting).toBe(1);
      await vi.advanceTimersByTimeAsync(501);
      expect(await waiting).toMatchObject({ code: "UNAVAILABLE" });
      expect(limiter.waiting).toBe(0);
      gate.resolve();
      await first;
      expect(limiter.running).toBe(0);
      expect(await limiter.run(async () => "next")).toBe("next");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a turn released twice is given back once, and a failing request gives its turn back", async () => {
    const limiter = new AdmissionLimiter({ maxConcurrent: 1, maxQueued: 0, queueTimeoutMs: 1000 });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(limiter.running).toBe(0);
    const held = await limiter.acquire();
    await expect(limiter.acquire()).rejects.toMatchObject({ code: "UNAVAILABLE" });
    held();
  });
});
