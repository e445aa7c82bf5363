import { hasScope } from "@/server/authz/policy";
import type { Role, Scope } from "@/server/authz/scopes";

/**
 * Every page a person can go to by name, with the scope its own guard checks (`deniedReason` on
 * the page), so the main navigation and the command palette offer only what would open. Pages of
 * one entity (a segment, a review) are reached through search instead.
 */
export interface AppPage {
  href: string;
  label: string;
  scope: Scope;
  /** Where it sits, shown next to the label. */
  section: string;
  /** Other words people may type for it. */
  keywords?: string;
  /** Its label in the main navigation, for the sections listed there. */
  nav?: string;
}

export const PAGES: readonly AppPage[] = [
  { href: "/", label: "Dashboard", scope: "dashboard:read", section: "Home", nav: "Dashboard", keywords: "home start welcome activity" },
  { href: "/catalog", label: "Catalog", scope: "dashboard:read", section: "Catalog", nav: "Catalog", keywords: "inventory" },
  { href: "/catalog/segments", label: "Segments", scope: "segment:read", section: "Catalog", keywords: "audiences list" },
  { href: "/catalog/segments/new", label: "New segment", scope: "segment:create", section: "Catalog", keywords: "create add audience draft" },
  { href: "/catalog/signals", label: "Signals", scope: "signal:read", section: "Catalog", keywords: "attributes events data elements" },
  { href: "/catalog/signals/new", label: "Add a signal", scope: "signal:manage", section: "Catalog", keywords: "new create signal" },
  { href: "/catalog/sources", label: "Data sources", scope: "source:read", section: "Catalog", keywords: "systems" },
  { href: "/catalog/sources/new", label: "Add a data source", scope: "source:manage", section: "Catalog", keywords: "new create source" },
  { href: "/catalog/purposes", label: "Consent purposes", scope: "purpose:read", section: "Catalog", keywords: "consent legal basis" },
  { href: "/catalog/categories", label: "Data categories", scope: "category:read", section: "Catalog", keywords: "sensitivity taxonomy" },
  { href: "/reviews", label: "Reviews", scope: "review:read", section: "Reviews", nav: "Reviews", keywords: "approvals queue requests four eyes" },
  { href: "/lineage", label: "Lineage", scope: "lineage:read", section: "Lineage", nav: "Lineage", keywords: "graph impact analysis" },
  { href: "/lineage/datasets", label: "Pipeline datasets", scope: "lineage:read", section: "Lineage", keywords: "openlineage mapping jobs" },
  { href: "/consent", label: "Consent", scope: "metrics:read", section: "Consent", nav: "Consent", keywords: "opt-ins withdrawals consented population metrics spike" },
  { href: "/policies", label: "Policies", scope: "policy:read", section: "Policies", nav: "Policies", keywords: "consent checks findings rules" },
  { href: "/policies/exceptions", label: "Exceptions", scope: "policy:read", section: "Policies", keywords: "waivers blocking findings" },
  { href: "/audit", label: "Audit trail", scope: "audit:read", section: "Audit", nav: "Audit", keywords: "events history log export" },
  { href: "/audit/verify", label: "Verify the audit trail", scope: "audit:verify", section: "Audit", keywords: "hash chain checkpoint" },
  { href: "/settings", label: "Settings", scope: "profile:read", section: "Settings", nav: "Settings", keywords: "account preferences" },
  { href: "/settings/password", label: "Change password", scope: "profile:edit", section: "Settings", keywords: "account security" },
  { href: "/settings/notifications", label: "E-mail notifications", scope: "profile:read", section: "Settings", keywords: "email mail alerts" },
  { href: "/settings/users", label: "Users and roles", scope: "user:read", section: "Settings", keywords: "people accounts manage users permissions" },
  { href: "/settings/api", label: "API reference", scope: "profile:read", section: "Settings", keywords: "openapi http curl" },
  { href: "/settings/tokens", label: "API tokens", scope: "token:manage", section: "Settings", keywords: "pipelines bearer keys" },
  { href: "/settings/webhooks", label: "Webhooks", scope: "webhook:manage", section: "Settings", keywords: "endpoints activation notifications" },
];

/** The pages these roles may open, in their order above. */
export function pagesFor(roles: readonly Role[], pages: readonly AppPage[] = PAGES): AppPage[] {
  return pages.filter((p) => hasScope(roles, p.scope));
}

/** The main navigation's sections these roles may open. */
export function navFor(roles: readonly Role[]): Array<{ href: string; label: string }> {
  return pagesFor(roles).flatMap((p) => (p.nav ? [{ href: p.href, label: p.nav }] : []));
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The pages a query names: every word typed starts a word of the page's label, section or
 * keywords ("new seg" finds "New segment"). Pages whose label starts with the query come first;
 * an empty query keeps them all.
 */
export function matchPages(pages: readonly AppPage[], query: string): AppPage[] {
  const typed = words(query);
  if (typed.length === 0) return [...pages];
  const hits = pages.filter((p) => {
    const own = words(`${p.label} ${p.section} ${p.keywords ?? ""}`);
    return typed.every((t) => own.some((w) => w.startsWith(t)));
  });
  const q = typed.join(" ");
  const first = (p: AppPage) => (words(p.label).join(" ").startsWith(q) ? 0 : 1);
  return hits
    .map((p, i) => ({ p, i }))
    .sort((a, b) => first(a.p) - first(b.p) || a.i - b.i)
    .map(({ p }) => p);
}
