import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { paramsOf } from "@/components/ui/list-state";
import { segmentList, toListInput } from "./_components/list-params";
import { NewSegmentLink } from "./_components/new-segment-link";
import { SegmentList } from "./_components/segment-list";

export const metadata: Metadata = { title: "Segments" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const denied = await deniedReason("segment:read");
  if (denied) return <Forbidden reason={denied} />;
  const state = segmentList.read(paramsOf(await searchParams));
  void getQueryClient().prefetchQuery(trpc.segments.list.queryOptions(toListInput(state)));
  return (
    <HydrateClient>
      <PageHeader
        title="Segments"
        description="Every audience segment, why it exists and what data feeds it. Search before you build a new one."
        actions={<NewSegmentLink />}
      />
      {/* useSearchParams in the client component needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading segments" />}>
        <SegmentList />
      </Suspense>
    </HydrateClient>
  );
}
