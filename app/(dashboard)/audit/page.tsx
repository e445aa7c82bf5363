import type { Metadata } from "next";
import { SecondaryLink } from "@/components/ui/secondary-link";
import { Forbidden } from "@/components/ui/states";
import { deniedReason, requireUser } from "@/server/auth/guards";
import { hasScope } from "@/server/authz/policy";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { AuditTrail } from "./audit-trail";
import { readFilters, toListInput } from "./filters";
import { HydratedPage } from "../_components/hydrated-page";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("audit:read");
  if (denied) return <Forbidden reason={denied} />;
  const canVerify = hasScope((await requireUser()).roles, "audit:verify");
  const params = await searchParams;
  const filters = readFilters((name) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  });
  void getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(toListInput(filters)));
  return (
    <HydratedPage
      title="Audit trail"
      description="Every change and every sign-in, newest first, each hash-chained to the one before so that tampering shows. Times are in UTC."
      actions={canVerify ? <SecondaryLink href="/audit/verify">Verify the chain</SecondaryLink> : undefined}
      loading="Loading the audit trail"
    >
      <AuditTrail />
    </HydratedPage>
  );
}
