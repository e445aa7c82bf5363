import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { SegmentEditor } from "../_components/segment-editor";
import { HydratedPage } from "../../../_components/hydrated-page";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  const denied = await deniedReason("segment:create");
  if (denied) return <Forbidden reason={denied} />;
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  void qc.prefetchQuery(trpc.segments.owners.queryOptions());
  return (
    <HydratedPage
      title="New segment"
      description="Document who is in the segment, why it exists and how it will be used. It starts as a draft; nothing is sent anywhere until it is approved."
    >
      <SegmentEditor mode="create" />
    </HydratedPage>
  );
}
