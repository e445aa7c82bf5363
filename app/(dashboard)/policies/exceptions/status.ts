export const EXCEPTION_STATUSES = ["active", "expired", "revoked", "all"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export const STATUS_LABELS: Record<ExceptionStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked", all: "All" };

/** The status filter from the URL; anything unknown means the default, active. */
export function parseStatus(value: string | string[] | undefined): ExceptionStatus {
  const v = Array.isArray(value) ? value[0] : value;
  return EXCEPTION_STATUSES.find((s) => s === v) ?? "active";
}
