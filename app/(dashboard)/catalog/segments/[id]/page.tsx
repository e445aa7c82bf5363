// The detail view (_components/segment-detail.tsx) embeds SegmentReviewActions, FindingsPanel and LineageGraph.
import type { Metadata } from "next";
import { Suspense } from "react";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { isUuid } from "@/domain/ids";
import { SegmentDetailView } from "../_components/segment-detail";
import { SegmentNotFound } from "../_components/segment-not-found";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("segment:read");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  if (!isUuid(id)) return <SegmentNotFound />;
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.segments.byId.queryOptions({ id }));
  void qc.prefetchQuery(trpc.segments.history.queryOptions({ id }));
  void qc.prefetchQuery(trpc.gate.forSegment.queryOptions({ segmentId: id }));
  return (
    <HydrateClient>
      {/* The tab lives in the query string (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading the segment" />}>
        <SegmentDetailView id={id} />
      </Suspense>
    </HydrateClient>
  );
}
