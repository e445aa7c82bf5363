/**
 * Permissions are data: every `resource:action` scope Steward knows, and which roles hold it.
 * This module is pure (no server or database imports) so the UI can use the same map.
 */
export const ROLES = ["admin", "steward", "privacy_officer", "marketer", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  steward: "Data steward",
  privacy_officer: "Privacy officer",
  marketer: "Marketer",
  auditor: "Auditor",
};

export const SCOPES = [
  "profile:read",
  "dashboard:read",
  "user:read",
  "user:manage",
  "settings:read",
  "purpose:read",
  "purpose:manage",
  "category:read",
  "category:manage",
  "audit:read",
] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "profile:read": "see your own account",
  "dashboard:read": "see the dashboard",
  "user:read": "see users and their roles",
  "user:manage": "create users, change their roles and disable them",
  "settings:read": "see sign-in settings",
  "purpose:read": "see consent purposes",
  "purpose:manage": "add, edit and retire consent purposes",
  "category:read": "see data categories",
  "category:manage": "add, edit and retire data categories",
  "audit:read": "read the audit trail",
};

const EVERYONE: Scope[] = ["profile:read", "dashboard:read", "purpose:read", "category:read"];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: [...EVERYONE, "user:read", "user:manage", "settings:read", "audit:read"],
  steward: [...EVERYONE],
  privacy_officer: [...EVERYONE, "purpose:manage", "category:manage", "audit:read"],
  marketer: [...EVERYONE],
  // Auditors read everything and change nothing.
  auditor: [...EVERYONE, "user:read", "settings:read", "audit:read"],
};
