import type { Role } from "./roles";

/**
 * The kinds of e-mail Steward sends, and who can receive each. Pure, so the settings page and
 * the server list the same kinds. Each person can turn each kind off (server/modules/email/preferences).
 */
export const EMAIL_KINDS = ["review_awaiting", "review_decided", "consent_alert"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_KIND_INFO: Record<EmailKind, { label: string; description: string; roles: readonly Role[] }> = {
  review_awaiting: {
    label: "A review awaits me",
    description: "When a request opens that your role can approve or reject.",
    roles: ["steward", "privacy_officer"],
  },
  review_decided: {
    label: "My request was decided",
    description: "When a request you made is approved, rejected or sent back, withdrawn because its segment was retired, or expires.",
    roles: ["steward", "privacy_officer", "marketer"],
  },
  consent_alert: {
    label: "Consent alerts",
    description: "When a consent change blocks active segments and Steward opens re-reviews for them.",
    roles: ["privacy_officer"],
  },
};

/** The kinds a person with these roles can receive; the others are not offered. */
export const emailKindsFor = (roles: readonly Role[]): EmailKind[] => EMAIL_KINDS.filter((k) => EMAIL_KIND_INFO[k].roles.some((r) => roles.includes(r)));
