import { ROLE_SCOPES, ROLES, SCOPE_DESCRIPTIONS, type Role, type Scope } from "./scopes";

export type Decision = { allowed: true } | { allowed: false; reason: string; missing: Scope };

export function scopesOf(roles: readonly Role[]): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const role of roles) for (const scope of ROLE_SCOPES[role] ?? []) scopes.add(scope);
  return scopes;
}

/** The one permission check, used by the server guard and by the UI. Never throws. */
export function decide(roles: readonly Role[], scope: Scope): Decision {
  if (scopesOf(roles).has(scope)) return { allowed: true };
  return {
    allowed: false,
    missing: scope,
    reason: `You need the permission "${scope}" (${SCOPE_DESCRIPTIONS[scope]}) to do this.`,
  };
}

export function hasScope(roles: readonly Role[], scope: Scope): boolean {
  return decide(roles, scope).allowed;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
