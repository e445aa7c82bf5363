import type { Metadata } from "next";
import { SecondaryLink } from "@/components/ui/secondary-link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { HydratedPage } from "../../_components/hydrated-page";
import { ExceptionsList } from "./exceptions-list";
import { parseStatus } from "./status";

export const metadata: Metadata = { title: "Exceptions" };

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const denied = await deniedReason("policy:read");
  if (denied) return <Forbidden reason={denied} />;
  const status = parseStatus((await searchParams).status);
  void getQueryClient().prefetchQuery(trpc.policy.exceptions.queryOptions({ status }));
  return (
    <HydratedPage
      above={<Breadcrumb href="/policies" label="Policies" />}
      title="Exceptions"
      description="Time-boxed waivers of blocking findings, each granted by a privacy officer with a justification. An exception stops counting by itself when it expires."
      actions={<SecondaryLink href="/catalog/segments?findings=blocked">Blocked segments</SecondaryLink>}
    >
      <ExceptionsList initialStatus={status} />
    </HydratedPage>
  );
}
