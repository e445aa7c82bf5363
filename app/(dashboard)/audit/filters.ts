import type { inferRouterInputs } from "@trpc/server";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS as ALL_ACTIONS } from "@/domain/audit-actions";
import type { AppRouter } from "@/server/trpc/root";

// Shared by the server page (to prefetch) and the client list, so both build the same query key.

export const FILTER_NAMES = ["action", "entityType", "entityId", "actor", "from", "to"] as const;
export type AuditFilters = Record<(typeof FILTER_NAMES)[number], string>;
export type AuditListInput = NonNullable<inferRouterInputs<AppRouter>["audit"]["list"]>;

export const EMPTY_FILTERS: AuditFilters = { action: "", entityType: "", entityId: "", actor: "", from: "", to: "" };

/** Sorted by what people read, not by key. */
export const AUDIT_ACTIONS: string[] = [...ALL_ACTIONS].sort((a, b) => AUDIT_ACTION_LABELS[a].localeCompare(AUDIT_ACTION_LABELS[b]));

export function readFilters(get: (name: string) => string | null | undefined): AuditFilters {
  const f = { ...EMPTY_FILTERS };
  for (const name of FILTER_NAMES) f[name] = get(name)?.trim() ?? "";
  return f;
}

/** A "YYYY-MM-DD" day at the given UTC time, or undefined if it is not a real day. */
export function utcDay(day: string, time: "00:00:00.000" | "23:59:59.999"): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T${time}Z`);
  // Date rolls 2024-02-30 over to March; reject it instead.
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? undefined : d;
}

export function toListInput(f: AuditFilters): AuditListInput {
  const input: AuditListInput = {};
  if (f.action) input.action = f.action;
  if (f.entityType) input.entityType = f.entityType;
  if (f.entityId) input.entityId = f.entityId;
  if (f.actor) input.actor = f.actor;
  const from = utcDay(f.from, "00:00:00.000");
  const to = utcDay(f.to, "23:59:59.999");
  if (from) input.from = from;
  if (to) input.to = to;
  return input;
}

export function toQueryString(f: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (f[name].trim()) params.set(name, f[name].trim());
  return params.toString();
}
