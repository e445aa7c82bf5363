import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { EmptyState, Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { isUuid } from "@/domain/ids";
import { PurposeReliance } from "./purpose-reliance";

export const metadata: Metadata = { title: "Consent purpose" };

export default async function PurposePage({ params }: { params: Promise<{ id: string }> }) {
  const denied = (await deniedReason("purpose:read")) ?? (await deniedReason("segment:read"));
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  if (!isUuid(id)) return <EmptyState title="That consent purpose was not found" />;
  void getQueryClient().prefetchQuery(trpc.consentMetrics.reliance.queryOptions({ purposeId: id }));
  return (
    <HydrateClient>
      <Breadcrumb href="/catalog/purposes" label="Consent purposes" />
      <PurposeReliance id={id} />
    </HydrateClient>
  );
}
