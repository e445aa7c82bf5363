/**
 * Every action Steward audits, each with the label people read in the audit explorer. The keys
 * are the raw action values stored in the trail (and in exports); adding an action here is the
 * only way to write a new kind of event (server/audit/record.ts takes `AuditAction`). Pure, so
 * the explorer's filter and its rows can read it in the browser.
 */
export const AUDIT_ACTION_LABELS = {
  "auth.signed_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.signed_out": "Signed out",
  "setup.completed": "Workspace set up",
  "user.created": "User created",
  "user.updated": "User updated",
  "user.roles_changed": "User's roles changed",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled again",
  // Kept for events written before temporary passwords existed.
  "user.password_reset": "Password reset",
  "user.temporary_password_set": "Temporary password set",
  "user.password_changed": "Password changed",
  "user.password_change_failed": "Password change refused (wrong current password)",
  "purpose.created": "Consent purpose created",
  "purpose.updated": "Consent purpose updated",
  "purpose.retired": "Consent purpose retired",
  "purpose.restored": "Consent purpose restored",
  "category.created": "Data category created",
  "category.updated": "Data category updated",
  "category.retired": "Data category retired",
  "category.restored": "Data category restored",
  "reference_data.seeded": "Reference data loaded",
  "audit.exported": "Audit trail exported",
  "audit.checkpoint_signed": "Audit checkpoint signed",
  "source.created": "Data source created",
  "source.updated": "Data source updated",
  "source.retired": "Data source retired",
  "source.restored": "Data source restored",
  "signal.created": "Signal created",
  "signal.updated": "Signal updated",
  "signal.retired": "Signal retired",
  "signal.restored": "Signal restored",
  "segment.created": "Segment created",
  "segment.updated": "Segment updated",
  "sample_workspace.loaded": "Sample workspace loaded",
  "segment.consent_changed_upstream": "Segment blocked by a consent change upstream",
  "policy.updated": "Policy checks changed",
  "exception.granted": "Policy exception granted",
  "exception.revoked": "Policy exception revoked",
  "exception.expired": "Policy exception expired",
  "metrics.outcomes_ingested": "Outcome metrics received",
  "metrics.consent_ingested": "Consent metrics received",
  "privacy.released": "Privacy-protected figures released",
  "metrics.performance_exported": "Segment performance exported as CSV (numbers released with noise before)",
  "segment.privacy_mode_set": "Differential privacy turned on or off for a segment",
  "metrics.withdrawal_spike_raised": "Consent withdrawal spike alert raised",
  "review.opened": "Review requested",
  "review.decided": "Review decision recorded",
  "review.closed": "Review request closed",
  "review.commented": "Review comment added",
  "segment.status_changed": "Segment status changed",
  "segment.pause_undone": "Segment's pause undone",
  "segment.approved": "Segment version approved",
  "token.created": "API token created",
  "token.revoked": "API token revoked",
  "lineage.ingested": "Lineage reported by a pipeline",
  "lineage.dataset_mapped": "Dataset mapped to the catalog",
  "lineage.dataset_unmapped": "Dataset mapping removed",
  "evidence.exported": "Evidence pack downloaded",
  "email.preference_changed": "E-mail settings changed",
  "webhook.created": "Webhook created",
  "webhook.enabled": "Webhook enabled",
  "webhook.disabled": "Webhook disabled",
  "webhook.secret_rotated": "Webhook secret rotated",
  "webhook.deleted": "Webhook deleted",
  "webhook.test_sent": "Webhook test event sent",
  "webhook.settings_changed": "Webhook settings changed",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, action);

/**
 * The readable label of a stored event. Some actions read better with what their `after`
 * snapshot says (a status change as "Segment paused", a decision as "Review approved"); an action
 * this build does not know (from an older or newer trail) shows as itself.
 */
export function auditActionLabel(action: string, after?: unknown): string {
  const refined = (Object.hasOwn(REFINED, action) ? REFINED[action] : undefined)?.(fieldOf(after, action === "review.decided" ? "decision" : action === "review.opened" ? "type" : "status"));
  if (refined) return refined;
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

const pick = (labels: Record<string, string>) => (value: string | null) => (value !== null && Object.hasOwn(labels, value) ? labels[value] : undefined);

const REFINED: Record<string, (value: string | null) => string | undefined> = {
  "segment.status_changed": pick({
    draft: "Segment returned to draft",
    in_review: "Segment sent for review",
    active: "Segment activated",
    paused: "Segment paused",
    retired: "Segment retired",
  }),
  "review.opened": pick({ segment_approval: "Segment submitted for approval" }),
  "review.decided": pick({ approve: "Review approved", reject: "Review rejected", request_changes: "Changes requested in review" }),
  "review.closed": pick({
    approved: "Review request approved",
    rejected: "Review request rejected",
    withdrawn: "Review request withdrawn",
    expired: "Review request expired",
    changes_requested: "Review request sent back for changes",
  }),
};

function fieldOf(snapshot: unknown, field: string): string | null {
  if (!snapshot || typeof snapshot !== "object" || Array.isArray(snapshot)) return null;
  const value = (snapshot as Record<string, unknown>)[field];
  return typeof value === "string" ? value : null;
}

/** What each kind of audited entity is called, for the explorer. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  segment: "Segment",
  signal: "Signal",
  data_source: "Data source",
  consent_purpose: "Consent purpose",
  data_category: "Data category",
  review_request: "Review request",
  user: "User",
  api_token: "API token",
  webhook_endpoint: "Webhook",
  webhook_settings: "Webhook settings",
  lineage_dataset: "Lineage dataset",
  lineage_job: "Lineage job",
  policy: "Policy",
  audit_export: "Audit export",
  audit_chain: "Audit trail",
  workspace: "Workspace",
};

export const auditEntityLabel = (entityType: string): string => AUDIT_ENTITY_LABELS[entityType] ?? entityType;

/** Where an entity lives in the app, when it has a page (or a list that shows it). */
export function auditEntityHref(entityType: string, entityId: string | null): string | null {
  const id = entityId ? encodeURIComponent(entityId) : null;
  switch (entityType) {
    case "segment":
      return id && `/catalog/segments/${id}`;
    case "signal":
      return id && `/catalog/signals/${id}`;
    case "data_source":
      return id && `/catalog/sources/${id}`;
    case "review_request":
      return id && `/reviews/${id}`;
    case "webhook_endpoint":
      return id && `/settings/webhooks/${id}`;
    case "webhook_settings":
      return "/settings/webhooks";
    case "consent_purpose":
      return "/catalog/purposes";
    case "data_category":
      return "/catalog/categories";
    case "user":
      return "/settings/users";
    case "api_token":
      return "/settings/tokens";
    case "policy":
      return "/policies";
    case "lineage_dataset":
      return "/lineage/datasets";
    default:
      return null;
  }
}
