import { ROLE_LABELS, type Role } from "@/server/authz/scopes";
import type { ReviewStatus } from "@/domain/review-rules";

const PLURAL: Record<Role, string> = {
  admin: "admins",
  steward: "data stewards",
  privacy_officer: "privacy officers",
  marketer: "marketers",
  auditor: "auditors",
};

/** "1 data steward, 2 privacy officers": who still has to approve. */
export function outstandingText(missing: ReadonlyArray<{ role: Role; count: number }>): string {
  if (missing.length === 0) return "Nobody";
  return missing.map((m) => `${m.count} ${m.count === 1 ? ROLE_LABELS[m.role].toLowerCase() : PLURAL[m.role]}`).join(", ");
}

export const DECISION_LABELS = { approve: "Approved", reject: "Rejected", request_changes: "Requested changes" } as const;
export const DECISION_TONES = { approve: "green", reject: "red", request_changes: "amber" } as const;

export const STATUS_TONES = {
  open: "blue",
  changes_requested: "amber",
  approved: "green",
  rejected: "red",
  withdrawn: "slate",
  expired: "slate",
} as const satisfies Record<ReviewStatus, string>;

export const textLink = "text-brand-700 underline underline-offset-2 hover:text-brand-800";

/** Where a request's subject lives: its catalog page, the sources list for a proposed source, the policy page. */
export function subjectHref(subjectType: string, subjectId: string | null): string {
  if (subjectType === "policy") return "/policies";
  if (subjectType === "proposed_source" || !subjectId) return "/catalog/sources";
  if (subjectType === "segment") return `/catalog/segments/${subjectId}`;
  if (subjectType === "data_source") return `/catalog/sources/${subjectId}`;
  return `/catalog/signals/${subjectId}`;
}
