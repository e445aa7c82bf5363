import { CHECKS } from "./checks";
import { CHECK_KEYS, type Finding, type PolicyInput, type PolicySettings } from "./types";

/**
 * Runs every enabled check on one segment version. Pure: no I/O, no clock, no randomness, so the
 * same input always yields the same findings, in a stable order.
 */
export function evaluate(input: PolicyInput, settings: PolicySettings): Finding[] {
  // Input order must not change the outcome: sort signals once, by id.
  const normalised: PolicyInput = { ...input, signals: [...input.signals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  const findings: Finding[] = [];
  for (const key of CHECK_KEYS) {
    const config = settings.checks[key];
    if (!config?.enabled) continue;
    for (const draft of CHECKS[key](normalised, settings)) findings.push({ policyKey: key, severity: config.severity, ...draft });
  }
  return findings;
}

export const isBlocking = (f: Finding) => f.severity === "block";
