import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { EditSegment } from "../../_components/edit-segment";
import { isUuid } from "../../../_inventory/format";
import { SegmentNotFound } from "../../_components/segment-not-found";

export const metadata: Metadata = { title: "Edit segment" };

export default async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("segment:edit");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  if (!isUuid(id)) return <SegmentNotFound />;
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.segments.byId.queryOptions({ id }));
  void qc.prefetchQuery(trpc.purposes.list.queryOptions({ includeRetired: false }));
  void qc.prefetchQuery(trpc.segments.owners.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Edit segment" />
      <EditSegment id={id} />
    </HydrateClient>
  );
}
