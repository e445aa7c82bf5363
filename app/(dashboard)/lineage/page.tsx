import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Lineage" };

export default function LineagePage() {
  return (
    <>
      <PageHeader title="Lineage" description="Where each segment's data comes from, back to the consent it was collected under." />
      <EmptyState title="Nothing to trace yet">Lineage appears once data sources, signals and segments are in the catalog.</EmptyState>
    </>
  );
}
