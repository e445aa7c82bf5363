import type { Metadata } from "next";
import { SecondaryLink } from "@/components/ui/secondary-link";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { PolicyEditor } from "./_components/policy-editor";
import { ChannelRuleRequest } from "@/components/reviews/request-forms/channel-rule";
import { PrivacyPolicyCard } from "@/components/metrics/privacy-policy-card";
import { HydratedPage } from "../_components/hydrated-page";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const denied = await deniedReason("policy:read");
  if (denied) return <Forbidden reason={denied} />;
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.policy.current.queryOptions());
  void qc.prefetchQuery(trpc.policy.versions.queryOptions());
  void qc.prefetchQuery(trpc.purposes.list.queryOptions({ includeRetired: true }));
  void qc.prefetchQuery(trpc.categories.list.queryOptions({ includeRetired: true }));
  return (
    <HydratedPage
      title="Policies"
      description="The checks Steward runs on every segment version, and their settings. Each change is a new, audited policy version, and every segment is re-evaluated under it."
      actions={<SecondaryLink href="/policies/exceptions">Exceptions</SecondaryLink>}
    >
      <div className="space-y-6">
        <ChannelRuleRequest />
        <PolicyEditor />
        <PrivacyPolicyCard />
      </div>
    </HydratedPage>
  );
}
