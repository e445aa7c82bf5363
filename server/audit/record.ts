import type { Tx } from "@/server/db/client";
import type { JsonValue } from "@/server/db/columns";
import { auditEvents } from "@/server/db/schema";
import type { AuditAction } from "./actions";

/** Who acted and from where; built from the request context. */
export interface AuditActor {
  id: string | null;
  label: string;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system" };

export type { AuditAction } from "./actions";

export interface AuditEvent {
  actor: AuditActor;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const REDACTED_KEYS = new Set(["passwordHash", "password", "password_hash"]);

/** Secrets never reach the audit trail, even inside before/after snapshots. */
function redact(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = REDACTED_KEYS.has(k) ? "[redacted]" : redact(v);
    return out;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value); // a bigint, which JSON cannot hold
}

/**
 * Writes one audit event. Takes the transaction first so that the event commits or rolls back
 * together with the change it describes.
 */
export async function recordAudit(tx: Tx, event: AuditEvent): Promise<void> {
  const { actor } = event;
  await tx.insert(auditEvents).values({
    actorId: actor.id,
    actorLabel: actor.label,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    before: redact(event.before),
    after: redact(event.after),
    reason: event.reason ?? null,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
  });
}
