import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { paramsOf } from "@/components/ui/list-state";
import { segmentList, toListInput } from "./_components/list-params";
import { NewSegmentLink } from "./_components/new-segment-link";
import { SegmentList } from "./_components/segment-list";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Segments" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const denied = await deniedReason("segment:read");
  if (denied) return <Forbidden reason={denied} />;
  const state = segmentList.read(paramsOf(await searchParams));
  void getQueryClient().prefetchQuery(trpc.segments.list.queryOptions(toListInput(state)));
  return (
    <HydratedPage
      title="Segments"
      description="Every audience segment, why it exists and what data feeds it. Search before you build a new one."
      actions={<NewSegmentLink />}
      loading="Loading segments"
    >
      <SegmentList />
    </HydratedPage>
  );
}
