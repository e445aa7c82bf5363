/**
 * Admission control: at most `maxConcurrent` requests do work at once, at most `maxQueued` wait
 * for a turn, and none waits longer than `queueTimeoutMs`. Beyond that the answer is an honest
 * 503 with Retry-After, at once, instead of a queue inside the database driver that grows
 * without end and answers everyone late. Applied to tRPC (server/trpc/http.ts) and to route
 * handlers (server/http/route.ts); health checks, if any, must stay outside it.
 */
import { serverEnv, type AdmissionSettings } from "@/server/env";
import { unavailable, type DomainError } from "@/server/errors";

export type AdmissionLimits = Pick<AdmissionSettings, "maxConcurrent" | "maxQueued" | "queueTimeoutMs">;

export const BUSY_MESSAGE = "Steward is busy right now and could not take this request. Please try again in a moment.";

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: DomainError) => void;
  timer: NodeJS.Timeout;
}

export class AdmissionLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Requests refused since start: a full queue or a wait that ran out. */
  refused = 0;

  constructor(readonly limits: AdmissionLimits) {}

  get running() {
    return this.active;
  }
  get waiting() {
    return this.queue.length;
  }

  /** A turn, as a function that gives it back (exactly once); a DomainError UNAVAILABLE when there is none. */
  acquire(): Promise<() => void> {
    if (this.active < this.limits.maxConcurrent) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.limits.maxQueued) return Promise.reject(this.refuse());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(this.refuse());
        }, this.limits.queueTimeoutMs),
      };
      this.queue.push(waiter);
    });
  }

  /** Runs `fn` in a turn; the turn ends when `fn` settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private refuse(): DomainError {
    this.refused++;
    return unavailable(BUSY_MESSAGE, Math.max(1, Math.ceil(this.limits.queueTimeoutMs / 10_000)));
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) {
        // The turn passes straight to the next waiter: `active` stays the same.
        clearTimeout(next.timer);
        next.resolve(this.releaser());
      } else {
        this.active--;
      }
    };
  }
}

// On globalThis so that dev-mode module reloads keep one limiter per process.
const holder = globalThis as unknown as { __stewardAdmission?: AdmissionLimiter };

/** This process's limiter, from STEWARD_MAX_CONCURRENT_REQUESTS, STEWARD_MAX_QUEUED_REQUESTS and STEWARD_QUEUE_TIMEOUT. */
export function processAdmission(): AdmissionLimiter {
  return (holder.__stewardAdmission ??= new AdmissionLimiter(serverEnv().admission));
}
