import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { AuditTrail } from "./audit-trail";
import { readFilters, toListInput } from "./filters";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("audit:read");
  if (denied) return <Forbidden reason={denied} />;
  const params = await searchParams;
  const filters = readFilters((name) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  });
  void getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(toListInput(filters)));
  return (
    <HydrateClient>
      <PageHeader
        title="Audit trail"
        description="Every change to users, roles, purposes and categories, and every sign-in, newest first. Times are in UTC."
      />
      {/* useSearchParams in the client component needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading the audit trail" />}>
        <AuditTrail />
      </Suspense>
    </HydrateClient>
  );
}
