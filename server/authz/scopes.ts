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
  "audit:export",
  "audit:verify",
  "source:read",
  "source:manage",
  "signal:read",
  "signal:manage",
  "segment:read",
  "segment:create",
  "segment:edit",
  "segment:edit_any",
  "policy:read",
  "policy:manage",
  "exception:grant",
  "signal:consent",
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
  "audit:export": "export the audit trail as CSV or NDJSON",
  "audit:verify": "verify the audit trail's hash chain and write signed checkpoints",
  "source:read": "see data sources",
  "source:manage": "add, edit and retire data sources",
  "signal:read": "see signals and their consent provenance",
  "signal:manage": "add, edit and retire signals",
  "segment:read": "see segments",
  "segment:create": "create segments",
  "segment:edit": "edit segments you own while they are drafts",
  "segment:edit_any": "edit any segment",
  "policy:read": "see policies, findings and exceptions",
  "policy:manage": "tune the consent policy checks",
  "exception:grant": "grant and revoke exceptions to blocking findings",
  "signal:consent": "change the consent provenance of signals",
};

const EVERYONE: Scope[] = [
  "profile:read",
  "dashboard:read",
  "purpose:read",
  "category:read",
  "source:read",
  "signal:read",
  "segment:read",
  "policy:read",
];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: [...EVERYONE, "user:read", "user:manage", "settings:read", "audit:read", "audit:verify"],
  steward: [...EVERYONE, "source:manage", "signal:manage", "signal:consent", "segment:create", "segment:edit", "segment:edit_any"],
  privacy_officer: [
    ...EVERYONE,
    "purpose:manage",
    "category:manage",
    "audit:read",
    "audit:export",
    "audit:verify",
    "policy:manage",
    "exception:grant",
    "signal:consent",
  ],
  marketer: [...EVERYONE, "segment:create", "segment:edit"],
  // Auditors read everything and change nothing.
  auditor: [...EVERYONE, "user:read", "settings:read", "audit:read", "audit:export", "audit:verify"],
};
