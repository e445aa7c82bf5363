import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { WebhooksAdmin } from "./webhooks-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const denied = await deniedReason("webhook:manage");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.webhooks.list.queryOptions());
  void getQueryClient().prefetchQuery(trpc.webhooks.settings.queryOptions());
  return (
    <HydratedPage
      above={<Breadcrumb href="/settings" label="Settings" />}
      title="Webhooks"
      description={
        <>
          Steward POSTs a signed JSON event to each endpoint when a segment is activated, paused, retired or blocked, so activation tools stop using it at once. Each delivery carries{" "}
          <code>Steward-Signature: t=…,v1=…</code> (HMAC-SHA256 of <code>t.body</code> with the endpoint&apos;s secret); failed deliveries are retried for 24 hours.
        </>
      }
    >
      <WebhooksAdmin />
    </HydratedPage>
  );
}
