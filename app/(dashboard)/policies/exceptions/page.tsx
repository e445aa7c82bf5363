import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { HydratedPage } from "../../_components/hydrated-page";
import { secondaryLink } from "../_components/styles";
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
      actions={
        <Link href="/catalog/segments?findings=blocked" className={secondaryLink}>
          Blocked segments
        </Link>
      }
    >
      <ExceptionsList initialStatus={status} />
    </HydratedPage>
  );
}
