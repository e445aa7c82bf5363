import type { Metadata } from "next";
import Link from "next/link";
import { secondaryLinkButton } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { DatasetsAdmin } from "./datasets-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Pipeline datasets" };

export default async function DatasetsPage() {
  const denied = await deniedReason("lineage:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.lineage.datasets.queryOptions({}));
  return (
    <HydratedPage
      title="Pipeline datasets"
      description={
        <>
          Datasets that pipelines report through OpenLineage. Map a dataset onto the data source or signal it holds, and the jobs that read or write it join that source&apos;s or
          signal&apos;s lineage, back to its consent. Unmapped, a dataset appears in the graph as a node of its own.
        </>
      }
      actions={
        <Link href="/lineage" className={secondaryLinkButton}>
          Back to lineage
        </Link>
      }
    >
      <DatasetsAdmin />
    </HydratedPage>
  );
}
