import type { Role, Scope } from "@/server/authz/scopes";

/**
 * The role × scope table written out by hand, independent of server/authz/scopes.ts: the tests
 * compare the role map, every tRPC procedure and the README's Roles section against it. A
 * change of permissions means changing this table, on purpose.
 *
 * Columns: admin, steward, privacy_officer, marketer, auditor (✓ holds the scope, · does not).
 */
export const TABLE_COLUMNS: readonly Role[] = ["admin", "steward", "privacy_officer", "marketer", "auditor"];

export const ROLE_SCOPE_TABLE: Record<Scope, string> = {
  "profile:read": "✓ ✓ ✓ ✓ ✓",
  "profile:edit": "✓ ✓ ✓ ✓ ✓",
  "dashboard:read": "✓ ✓ ✓ ✓ ✓",
  "user:read": "✓ · · · ✓",
  "user:manage": "✓ · · · ·",
  "settings:read": "✓ · · · ✓",
  "purpose:read": "✓ ✓ ✓ ✓ ✓",
  "purpose:manage": "· · ✓ · ·",
  "category:read": "✓ ✓ ✓ ✓ ✓",
  "category:manage": "· · ✓ · ·",
  "audit:read": "✓ · ✓ · ✓",
  "audit:export": "· · ✓ · ✓",
  "audit:verify": "✓ · ✓ · ✓",
  "source:read": "✓ ✓ ✓ ✓ ✓",
  "source:manage": "· ✓ · · ·",
  "signal:read": "✓ ✓ ✓ ✓ ✓",
  "signal:manage": "· ✓ · · ·",
  "segment:read": "✓ ✓ ✓ ✓ ✓",
  "segment:create": "· ✓ · ✓ ·",
  "segment:edit": "· ✓ · ✓ ·",
  "segment:edit_any": "· ✓ · · ·",
  "policy:read": "✓ ✓ ✓ ✓ ✓",
  "policy:manage": "· · ✓ · ·",
  "exception:grant": "· · ✓ · ·",
  "signal:consent": "· ✓ ✓ · ·",
  "workspace:load_sample": "✓ · · · ·",
  "review:read": "✓ ✓ ✓ ✓ ✓",
  "review:request": "· ✓ ✓ ✓ ·",
  "review:decide": "· ✓ ✓ · ·",
  "review:comment": "✓ ✓ ✓ ✓ ·",
  "segment:activate": "· ✓ · ✓ ·",
  "segment:pause": "· ✓ ✓ ✓ ·",
  "segment:retire": "· ✓ ✓ · ·",
  "jobs:run": "✓ · · · ·",
  "lineage:read": "✓ ✓ ✓ ✓ ✓",
  "token:manage": "✓ · · · ·",
  "lineage:map": "· ✓ · · ·",
  "evidence:export": "· ✓ ✓ · ✓",
  "webhook:manage": "✓ · · · ·",
  "metrics:read": "✓ ✓ ✓ ✓ ✓",
  "metrics:upload": "· ✓ ✓ ✓ ·",
  "metrics:privacy": "· · ✓ · ·",
};

/** Whether the written-out table gives `role` the `scope`. */
export function tableGrants(role: Role, scope: Scope): boolean {
  const cell = ROLE_SCOPE_TABLE[scope].split(" ")[TABLE_COLUMNS.indexOf(role)];
  if (cell !== "✓" && cell !== "·") throw new Error(`The table has no cell for ${role} × ${scope}`);
  return cell === "✓";
}
