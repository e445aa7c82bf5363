"use client";

import Link from "next/link";
import { useCan } from "@/components/shell/permissions";

export function auditHistoryHref(entityType: string, entityId: string): string {
  return `/audit?${new URLSearchParams({ entityType, entityId }).toString()}`;
}

/** "Audit history" for one entity, shown only to those who may read the audit trail. */
export function AuditHistoryLink({ entityType, entityId, name }: { entityType: string; entityId: string; name: string }) {
  if (!useCan("audit:read")) return null;
  return (
    <Link href={auditHistoryHref(entityType, entityId)} className="text-sm font-medium whitespace-nowrap text-brand-700 underline" aria-label={`Audit history of ${name}`}>
      Audit history
    </Link>
  );
}
