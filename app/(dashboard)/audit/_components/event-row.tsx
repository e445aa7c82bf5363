"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { Fragment } from "react";
import { viewerEntityHref } from "@/components/audit/entity-href";
import { auditHistoryHref } from "@/components/audit/history-link";
import { FieldDiff } from "@/components/audit/field-diff";
import { useViewer } from "@/components/shell/permissions";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/domain/dates";
import { td } from "@/components/ui/layout";
import { auditActionLabel, auditEntityLabel } from "@/domain/audit-actions";
import type { AppRouter } from "@/server/trpc/root";

export type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["events"][number];

// What happened and to what come first: on a phone they are what shows before the table scrolls.
export const EVENT_COLUMNS = ["#", "Action", "Entity", "Actor", "Time", "Reason", { label: "Details", srOnly: true }] as const;

const muted = <span className="text-slate-600">—</span>;

/**
 * One event for people: the actor's name, the action in words and the entity by name, linked
 * where it still exists. "Details" shows the raw values as stored (what exports and the hash
 * chain carry) and the field-by-field changes.
 */
export function EventRow({ event: e, expanded, onToggle, isThisEntity }: { event: AuditEvent; expanded: boolean; onToggle: () => void; isThisEntity: boolean }) {
  const panelId = `details-${e.id}`;
  const label = auditActionLabel(e.action, e.after);
  const { roles } = useViewer();
  const href = viewerEntityHref(e, roles);
  const name = e.entityName ?? e.entityId;
  return (
    <Fragment>
      <tr data-testid={`audit-row-${e.seq}`}>
        <td className={`${td} text-xs text-slate-600`}>{e.seq}</td>
        <td className={`${td} min-w-40`} data-testid="audit-action">
          {label}
        </td>
        <td className={`${td} min-w-40`}>
          <p className="text-xs text-slate-600">{auditEntityLabel(e.entityType)}</p>
          {name &&
            (href ? (
              <Link href={href} className="break-words text-brand-700 underline" data-testid="audit-entity-link">
                {name}
              </Link>
            ) : (
              <span className="break-words">
                {name}
                {!e.entityFound && <span className="text-xs text-slate-600"> (no longer exists)</span>}
              </span>
            ))}
          {e.entityId && !isThisEntity && (
            <p>
              <Link href={auditHistoryHref(e.entityType, e.entityId)} className="text-xs text-brand-700 underline" aria-label={`History of ${auditEntityLabel(e.entityType)} ${name}`}>
                History
              </Link>
            </p>
          )}
        </td>
        <td className={`${td} min-w-44`}>
          {e.actorName ?? <span className="break-all">{e.actorLabel}</span>}
          {e.actorName && <p className="text-xs break-all text-slate-600">{e.actorLabel}</p>}
        </td>
        <td className={`${td} whitespace-nowrap`}>
          <time dateTime={new Date(e.occurredAt).toISOString()}>{formatDateTime(e.occurredAt)}</time>
        </td>
        <td className={`${td} max-w-xs min-w-40`}>{e.reason ?? muted}</td>
        <td className={`${td} whitespace-nowrap`}>
          <Button
            variant="ghost"
            aria-expanded={expanded}
            aria-controls={expanded ? panelId : undefined}
            onClick={onToggle}
            aria-label={`${expanded ? "Hide" : "Show"} details of event ${e.seq}`}
          >
            {expanded ? "Hide details" : "Details"}
          </Button>
        </td>
      </tr>
      {expanded && (
        <tr id={panelId}>
          <td colSpan={EVENT_COLUMNS.length} className="bg-slate-50 px-3 py-3">
            {/* Stays in view when the table is scrolled sideways to reach the button. */}
            <div className="sticky left-3 max-w-[calc(100vw-4rem)] space-y-3">
              <RawValues event={e} />
              {(e.before != null || e.after != null) && <FieldDiff before={e.before} after={e.after} caption={`Changes in event ${e.seq}`} />}
            </div>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** The event as stored, field by field. */
function RawValues({ event: e }: { event: AuditEvent }) {
  const rows: [string, string | null][] = [
    ["Action", e.action],
    ["Entity type", e.entityType],
    ["Entity ID", e.entityId],
    ["Actor", e.actorLabel],
    ["Actor ID", e.actorId],
    ["Request ID", e.requestId],
    ["IP address", e.ip],
    ["User agent", e.userAgent],
    ["Event ID", e.id],
  ];
  return (
    <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]" aria-label={`Recorded values of event ${e.seq}`} data-testid="audit-raw">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{k}</dt>
          <dd className="break-all text-slate-900">{v ? <code>{v}</code> : muted}</dd>
        </div>
      ))}
    </dl>
  );
}
