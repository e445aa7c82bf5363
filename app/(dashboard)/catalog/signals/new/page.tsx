import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { isUuid } from "@/domain/ids";
import { firstParam } from "../../_inventory/format";
import { NewSignal } from "../_components/new-signal";

export const metadata: Metadata = { title: "Add a signal" };

export default async function NewSignalPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("signal:manage");
  if (denied) return <Forbidden reason={denied} />;
  // "Add signal" on a data source's page opens this with the source chosen.
  const source = firstParam(await searchParams)("source");
  return (
    <>
      <Breadcrumb href="/catalog/signals" label="Signals" />
      <PageHeader title="Add a signal" description="One data element of a source that segments use, with the consent purposes it was collected under." />
      <NewSignal sourceId={isUuid(source) ? source : ""} />
    </>
  );
}
