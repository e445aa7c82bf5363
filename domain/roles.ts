/** The people Steward knows by role, and their names in the UI. Client-safe. */
export const ROLES = ["admin", "steward", "privacy_officer", "marketer", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  steward: "Data steward",
  privacy_officer: "Privacy officer",
  marketer: "Marketer",
  auditor: "Auditor",
};
