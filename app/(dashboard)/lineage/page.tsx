import type { Metadata } from "next";
import { SecondaryLink } from "@/components/ui/secondary-link";
import { graphInput, readView } from "@/components/lineage/graph-model";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { LineageExplorer } from "./lineage-explorer";
import { HydratedPage } from "../_components/hydrated-page";

export const metadata: Metadata = { title: "Lineage" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LineagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const denied = await deniedReason("lineage:read");
  if (denied) return <Forbidden reason={denied} />;
  const params = await searchParams;
  const view = readView((name) => [params[name]].flat()[0]);
  // Started here so the graph's data is on its way while the page's code loads.
  if (view.node) void getQueryClient().prefetchQuery(trpc.lineage.graph.queryOptions(graphInput(view.node, view.direction, view.depth)));
  return (
    <HydratedPage
      title="Lineage"
      description="Where each segment's data comes from, back to the consent it was collected under, and what each source, signal or purpose feeds."
      actions={<SecondaryLink href="/lineage/datasets">Pipeline datasets</SecondaryLink>}
      loading="Loading lineage"
    >
      <LineageExplorer />
    </HydratedPage>
  );
}
