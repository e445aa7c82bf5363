import type { PolicySignal } from "./types";

/**
 * For each purpose, the input signals not collected for it (no lawful basis recorded), the same
 * test the "not collected for" check applies to declared purposes. Asked for every purpose, so
 * a form can warn before a purpose is even ticked. Purposes every input covers are left out.
 */
export function uncollectedPurposes(signals: readonly PolicySignal[], purposeKeys: readonly string[]): Map<string, PolicySignal[]> {
  const out = new Map<string, PolicySignal[]>();
  for (const key of purposeKeys) {
    const missing = signals.filter((s) => !s.consents.some((c) => c.purposeKey === key));
    if (missing.length) out.set(key, missing);
  }
  return out;
}
