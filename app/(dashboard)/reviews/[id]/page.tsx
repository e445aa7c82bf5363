import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, Forbidden } from "@/components/ui/states";
import { isUuid } from "@/domain/ids";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { RequestView } from "./request-view";

export const metadata: Metadata = { title: "Review request" };

export default async function ReviewRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("review:read");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  // The server would refuse a malformed id with a 400; say what it means instead.
  if (!isUuid(id)) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-slate-900">Review request not found</h1>
        <EmptyState title="There is no review request at this address">
          <Link href="/reviews" className="font-medium text-brand-700 underline">
            Back to reviews
          </Link>
        </EmptyState>
      </div>
    );
  }
  void getQueryClient().prefetchQuery(trpc.reviews.byId.queryOptions({ requestId: id }));
  return (
    <HydrateClient>
      <RequestView id={id} />
    </HydrateClient>
  );
}
