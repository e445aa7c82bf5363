import { desc } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { policySettingsVersions } from "@/server/db/schema";
import { DEFAULT_POLICY_SETTINGS } from "@/server/policy/defaults";
import { CHECK_KEYS, type PolicySettings } from "@/server/policy/types";

export interface PolicyInForce {
  version: number;
  settings: PolicySettings;
}

/** Stored settings over the defaults, so a check added later starts with its default. */
export function withDefaults(stored: Partial<PolicySettings> | null | undefined): PolicySettings {
  const s = stored ?? {};
  const checks = { ...DEFAULT_POLICY_SETTINGS.checks };
  for (const key of CHECK_KEYS) if (s.checks?.[key]) checks[key] = { ...checks[key], ...s.checks[key] };
  return { ...DEFAULT_POLICY_SETTINGS, ...s, checks };
}

/** The policy in force: the highest stored version, or the defaults as version 1. */
export async function currentPolicy(db: DbOrTx): Promise<PolicyInForce> {
  const [row] = await db.select().from(policySettingsVersions).orderBy(desc(policySettingsVersions.version)).limit(1);
  return row ? { version: row.version, settings: withDefaults(row.settings) } : { version: 1, settings: DEFAULT_POLICY_SETTINGS };
}
