/**
 * When a message that failed is tried again: exponential backoff from one minute, doubling,
 * capped at six hours; after MAX_ATTEMPTS tries it is marked failed and never sent. Six tries
 * span about half an hour, long enough to ride out a mail relay's restart, short enough that a
 * review reminder is not a day late.
 */
export const MAX_ATTEMPTS = 6;
const BASE_MS = 60_000;
const CAP_MS = 6 * 60 * 60_000;

/** How long to wait after the `attempts`-th failed try (1-based). */
export const backoffMs = (attempts: number) => Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));

/** The next try after a failure, or null when that was the last one. */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + backoffMs(attempts));
}
