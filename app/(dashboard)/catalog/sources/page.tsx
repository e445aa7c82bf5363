import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { paramsOf } from "@/components/ui/list-state";
import { ManageLink } from "../_inventory/manage-link";
import { sourceList, toSourceListInput } from "./_components/list-params";
import { SourceList } from "./_components/source-list";
import { NewSourceRequest } from "@/components/reviews/request-forms/new-source";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Data sources" };

export default async function SourcesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("source:read");
  if (denied) return <Forbidden reason={denied} />;
  const state = sourceList.read(paramsOf(await searchParams));
  void getQueryClient().prefetchQuery(trpc.sources.list.queryOptions(toSourceListInput(state)));
  return (
    <HydratedPage
      title="Data sources"
      description="The systems personal data comes from: who owns them, where they operate, how long they keep data and where consent is captured."
      actions={
        <ManageLink scope="source:manage" href="/catalog/sources/new">
          Add data source
        </ManageLink>
      }
      loading="Loading data sources"
    >
      <div className="space-y-4">
        <NewSourceRequest />
        <SourceList />
      </div>
    </HydratedPage>
  );
}
