import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { NotFound } from "../../_inventory/detail";
import { isUuid } from "@/domain/ids";
import { sourceSignalsInput } from "../_components/list-params";
import { SourceDetail } from "../_components/source-detail";

export const metadata: Metadata = { title: "Data source" };

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("source:read");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  if (!isUuid(id)) return <NotFound what="Data source" href="/catalog/sources" back="Back to all data sources" />;
  const qc = getQueryClient();
  void qc.prefetchQuery(trpc.sources.byId.queryOptions({ id }));
  if (!(await deniedReason("signal:read"))) void qc.prefetchQuery(trpc.signals.list.queryOptions(sourceSignalsInput(id)));
  return (
    <HydrateClient>
      <SourceDetail id={id} />
    </HydrateClient>
  );
}
