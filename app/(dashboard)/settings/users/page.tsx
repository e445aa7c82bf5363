import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { UsersAdmin } from "./users-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const denied = await deniedReason("user:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.users.list.queryOptions());
  return (
    <HydratedPage title="Users and roles" description="A person can hold several roles. The last active admin can be neither demoted nor disabled.">
      <UsersAdmin />
    </HydratedPage>
  );
}
