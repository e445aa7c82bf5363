import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { PurposesAdmin } from "./purposes-admin";

export const metadata: Metadata = { title: "Consent purposes" };

export default async function PurposesPage() {
  const denied = await deniedReason("purpose:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  return (
    <HydrateClient>
      <PageHeader
        title="Consent purposes"
        description="What personal data may be used for, and on which lawful bases. Purposes are retired rather than deleted, so past decisions keep their meaning."
      />
      <PurposesAdmin />
    </HydrateClient>
  );
}
