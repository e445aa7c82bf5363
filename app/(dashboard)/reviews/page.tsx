import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { listInput, parseQueueParams } from "./queue-params";
import { ReviewQueue } from "./review-queue";
import { RunScheduledButton } from "./run-scheduled-button";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("review:read");
  if (denied) return <Forbidden reason={denied} />;
  const params = parseQueueParams(await searchParams);
  void getQueryClient().prefetchQuery(trpc.reviews.list.queryOptions(listInput(params)));
  return (
    <HydrateClient>
      <PageHeader
        title="Reviews"
        description="Approval requests for segments, data uses, new sources and channel rules. Nobody decides on their own request (four-eyes rule)."
        actions={<RunScheduledButton />}
      />
      {/* The queue and its filters live in the query string (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading review requests" />}>
        <ReviewQueue />
      </Suspense>
    </HydrateClient>
  );
}
