import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Reviews" };

export default function ReviewsPage() {
  return (
    <>
      <PageHeader title="Reviews" description="Approval requests for segments, data uses, new sources and channel rules, with a four-eyes rule." />
      <EmptyState title="No review requests yet">Requests appear here when someone submits a segment or a new use of data for approval.</EmptyState>
    </>
  );
}
