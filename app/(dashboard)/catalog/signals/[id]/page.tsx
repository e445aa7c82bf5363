import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { NotFound } from "../../_inventory/detail";
import { isUuid } from "@/domain/ids";
import { SignalDetail } from "../_components/signal-detail";

export const metadata: Metadata = { title: "Signal" };

export default async function SignalPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("signal:read");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  if (!isUuid(id)) return <NotFound what="Signal" href="/catalog/signals" back="Back to all signals" />;
  void getQueryClient().prefetchQuery(trpc.signals.byId.queryOptions({ id }));
  return (
    <HydrateClient>
      <SignalDetail id={id} />
    </HydrateClient>
  );
}
