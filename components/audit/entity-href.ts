import { auditEntityHref } from "@/domain/audit-actions";
import { hasScope } from "@/server/authz/policy";
import type { Role, Scope } from "@/server/authz/scopes";

// Pages that not every reader of the trail may open: no link where it would only say "no access".
const PAGE_SCOPE: Partial<Record<string, Scope>> = {
  user: "user:read",
  api_token: "token:manage",
  webhook_endpoint: "webhook:manage",
  webhook_settings: "webhook:manage",
  lineage_dataset: "lineage:read",
};

/** Where an audited entity can be opened by this viewer, or null (gone, no page, or not theirs to see). */
export function viewerEntityHref(e: { entityType: string; entityId: string | null; entityFound: boolean }, roles: readonly Role[]): string | null {
  const scope = PAGE_SCOPE[e.entityType];
  return e.entityFound && (!scope || hasScope(roles, scope)) ? auditEntityHref(e.entityType, e.entityId) : null;
}
