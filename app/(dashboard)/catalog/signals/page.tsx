import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { paramsOf } from "@/components/ui/list-state";
import { ManageLink } from "../_inventory/manage-link";
import { signalList, toSignalListInput } from "./_components/list-params";
import { SignalList } from "./_components/signal-list";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Signals" };

export default async function SignalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("signal:read");
  if (denied) return <Forbidden reason={denied} />;
  const state = signalList.read(paramsOf(await searchParams));
  void getQueryClient().prefetchQuery(trpc.signals.list.queryOptions(toSignalListInput(state)));
  return (
    <HydratedPage
      title="Signals"
      description="The data elements segments are built from: where each comes from, how sensitive and how reliable it is, and the consent it was collected under."
      actions={
        <ManageLink scope="signal:manage" href="/catalog/signals/new">
          Add signal
        </ManageLink>
      }
      loading="Loading signals"
    >
      <SignalList />
    </HydratedPage>
  );
}
