/**
 * Runs `work` once the page is idle, and at the latest after `timeout` ms; where the browser has
 * no idle callbacks (Safari), after `fallback` ms. Returns a cancel.
 */
export function whenIdle(work: () => void, { timeout, fallback }: { timeout: number; fallback: number }): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(work, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, fallback);
  return () => clearTimeout(id);
}
