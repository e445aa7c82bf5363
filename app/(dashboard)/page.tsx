import type { Metadata } from "next";
import Link from "next/link";
import { hasScope } from "@/server/authz/policy";
import { requireUser } from "@/server/auth/guards";
import { trpc, getQueryClient } from "@/server/trpc/rsc";
import { DashboardCards } from "./dashboard-cards";
import { HydratedPage } from "./_components/hydrated-page";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const canReadAudit = hasScope(user.roles, "audit:read");
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.dashboard.summary.queryOptions());
  void qc.prefetchQuery(trpc.policy.findingCounts.queryOptions());
  if (canReadAudit) void qc.prefetchQuery(trpc.audit.list.queryOptions({ limit: 8 }));
  return (
    <HydratedPage
      title={`Welcome, ${user.name}`}
      description={
        <>
          Steward documents every audience segment and checks its use against the consent its data was collected under. Start with the{" "}
          <Link className="text-brand-700 underline" href="/catalog">
            catalog
          </Link>
          .
        </>
      }
    >
      <DashboardCards canReadAudit={canReadAudit} />
    </HydratedPage>
  );
}
