import { ROLES, type Role } from "@/server/authz/scopes";

/** Sign-in settings, read from the environment (see README, "Configuration"). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  rolesClaim: string;
  roleMap: Record<string, Role[]>;
  defaultRoles: Role[];
}

export const MAX_IDLE_MINUTES = 480;

type Env = Record<string, string | undefined>;

export function sessionIdleMinutes(env: Env): number {
  const n = Number(env.STEWARD_SESSION_IDLE_MINUTES ?? MAX_IDLE_MINUTES);
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_IDLE_MINUTES) : MAX_IDLE_MINUTES;
}

export const SIGN_IN_LIMITS = {
  windowMinutes: 15,
  perAccount: 5,
  perIp: 20,
};

function parseRoles(value: string, what: string): Role[] {
  const roles = value
    .split(/[\s|+]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) {
      throw new Error(`${what}: "${r}" is not a role. Roles are: ${ROLES.join(", ")}.`);
    }
  }
  return roles as Role[];
}

/**
 * `OIDC_ROLE_MAP` maps claim values to roles: `steward-group=steward,privacy=privacy_officer|auditor`.
 * Returns null when single sign-on is not configured.
 */
export function oidcSettings(env: Env): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) {
    throw new Error("OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too.");
  }
  const roleMap: Record<string, Role[]> = {};
  for (const pair of (env.OIDC_ROLE_MAP ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.lastIndexOf("=");
    if (eq <= 0) throw new Error(`OIDC_ROLE_MAP: "${pair}" should look like claim-value=role.`);
    roleMap[pair.slice(0, eq).trim()] = parseRoles(pair.slice(eq + 1), "OIDC_ROLE_MAP");
  }
  return {
    issuer: issuer.replace(/\/$/, ""),
    clientId,
    clientSecret,
    displayName: env.OIDC_DISPLAY_NAME?.trim() || "single sign-on",
    rolesClaim: env.OIDC_ROLES_CLAIM?.trim() || "groups",
    roleMap,
    defaultRoles: env.OIDC_DEFAULT_ROLE === undefined ? ["marketer"] : parseRoles(env.OIDC_DEFAULT_ROLE, "OIDC_DEFAULT_ROLE"),
  };
}

/** Roles for an SSO user from their claims: every mapped claim value, else the default roles. */
export function rolesFromClaims(settings: OidcSettings, claims: Record<string, unknown>): Role[] {
  const raw = claims[settings.rolesClaim];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const roles = new Set<Role>();
  for (const v of values) for (const r of settings.roleMap[v] ?? []) roles.add(r);
  return roles.size > 0 ? [...roles] : [...settings.defaultRoles];
}
