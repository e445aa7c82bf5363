import type { Metadata } from "next";
import Link from "next/link";
import { textLink } from "@/components/ui/button";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { TokensAdmin } from "./tokens-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const denied = await deniedReason("token:manage");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.tokens.list.queryOptions());
  return (
    <HydratedPage
      title="API tokens"
      description={
        <>
          Pipelines report lineage with <code>POST /api/v1/lineage</code> (an OpenLineage 2-0-2 RunEvent as JSON) and read a node&apos;s upstream or downstream closure with{" "}
          <code>GET /api/v1/lineage?node=…</code>; activation tools ask whether a segment may run on a channel with <code>GET /api/v1/segments/{"{key}"}/decision?channel=…</code>; activation
          platforms and consent tools report aggregates with <code>POST /api/v1/metrics/outcomes</code> and <code>POST /api/v1/metrics/consent</code>. Each sends the header{" "}
          <code>Authorization: Bearer &lt;token&gt;</code> with a token holding its scope. Tokens are stored hashed: a new token is shown once. Every route, with curl examples, is in the{" "}
          <Link className={textLink} href="/settings/api">
            API reference
          </Link>
          .
        </>
      }
    >
      <TokensAdmin />
    </HydratedPage>
  );
}
