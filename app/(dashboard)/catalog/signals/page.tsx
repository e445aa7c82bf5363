import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { paramsOf } from "@/components/ui/list-state";
import { ManageLink } from "../_inventory/manage-link";
import { signalList, toSignalListInput } from "./_components/list-params";
import { SignalList } from "./_components/signal-list";

export const metadata: Metadata = { title: "Signals" };

export default async function SignalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("signal:read");
  if (denied) return <Forbidden reason={denied} />;
  const state = signalList.read(paramsOf(await searchParams));
  void getQueryClient().prefetchQuery(trpc.signals.list.queryOptions(toSignalListInput(state)));
  return (
    <HydrateClient>
      <PageHeader
        title="Signals"
        description="The data elements segments are built from: where each comes from, how sensitive and how reliable it is, and the consent it was collected under."
        actions={
          <ManageLink scope="signal:manage" href="/catalog/signals/new">
            Add signal
          </ManageLink>
        }
      />
      {/* useSearchParams in the client component needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading signals" />}>
        <SignalList />
      </Suspense>
    </HydrateClient>
  );
}
