import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { HydratedPage } from "../_components/hydrated-page";
import { ConsentView } from "./consent-view";

export const metadata: Metadata = { title: "Consent" };

export default async function ConsentPage() {
  const denied = await deniedReason("metrics:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.consentMetrics.purposes.queryOptions());
  return (
    <HydratedPage
      title="Consent"
      description="Per consent purpose: the people consented over time, opt-ins against withdrawals, and the weekly withdrawal rate. Aggregates only; small counts are withheld by the privacy rules."
      loading="Loading consent purposes"
    >
      <ConsentView />
    </HydratedPage>
  );
}
