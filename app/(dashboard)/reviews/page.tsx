import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { listInput, parseQueueParams } from "./queue-params";
import { ReviewQueue } from "./review-queue";
import { RunScheduledButton } from "./run-scheduled-button";
import { HydratedPage } from "../_components/hydrated-page";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("review:read");
  if (denied) return <Forbidden reason={denied} />;
  const params = parseQueueParams(await searchParams);
  void getQueryClient().prefetchQuery(trpc.reviews.list.queryOptions(listInput(params)));
  return (
    <HydratedPage
      title="Reviews"
      description="Approval requests for segments, data uses, new sources and channel rules. Nobody decides on their own request (four-eyes rule)."
      actions={<RunScheduledButton />}
      loading="Loading review requests"
    >
      <ReviewQueue />
    </HydratedPage>
  );
}
