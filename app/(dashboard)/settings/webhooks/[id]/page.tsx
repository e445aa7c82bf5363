import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { EndpointDetail } from "./endpoint-detail";
import { HydratedPage } from "../../../_components/hydrated-page";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const denied = await deniedReason("webhook:manage");
  if (denied) return <Forbidden reason={denied} />;
  const { id } = await params;
  void getQueryClient().prefetchQuery(trpc.webhooks.byId.queryOptions({ id }));
  return (
    <HydratedPage above={<Breadcrumb href="/settings/webhooks" label="Webhooks" />} title="Webhook endpoint">
      <EndpointDetail id={id} />
    </HydratedPage>
  );
}
