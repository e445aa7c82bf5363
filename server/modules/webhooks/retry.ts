/**
 * When a failed delivery is tried again: exponential backoff from 30 seconds, doubling, capped at
 * two hours, with ±20 % jitter so that endpoints recovering together are not hit by a wave; no
 * new try starts later than 24 hours after the event was written, and then it is marked failed.
 * A plain function of its config, so tests use seconds instead of hours.
 */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** How long after the event was written retries may go on. */
  windowMs: number;
  /** Fraction of the delay added or taken away at random. */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, capMs: 2 * 3_600_000, windowMs: 24 * 3_600_000, jitter: 0.2 };

/** The next try after the `attempts`-th failure (1-based), or null: the window is over. */
export function nextAttemptAfterFailure(policy: RetryPolicy, attempts: number, createdAt: Date, now: Date, random = Math.random): Date | null {
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = delay * (1 + policy.jitter * (2 * random() - 1));
  const at = now.getTime() + jittered;
  if (at > createdAt.getTime() + policy.windowMs) return null;
  return new Date(at);
}
