import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { PurposesAdmin } from "./purposes-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Consent purposes" };

export default async function PurposesPage() {
  const denied = await deniedReason("purpose:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  return (
    <HydratedPage
      title="Consent purposes"
      description="What personal data may be used for, and on which lawful bases. Purposes are retired rather than deleted, so past decisions keep their meaning."
    >
      <PurposesAdmin />
    </HydratedPage>
  );
}
