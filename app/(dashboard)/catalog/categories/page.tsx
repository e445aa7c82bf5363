import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { getQueryClient, trpc } from "@/server/trpc/rsc";
import { CategoriesAdmin } from "./categories-admin";
import { HydratedPage } from "../../_components/hydrated-page";

export const metadata: Metadata = { title: "Data categories" };

export default async function CategoriesPage() {
  const denied = await deniedReason("category:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.categories.list.queryOptions({ includeRetired: false }));
  return (
    <HydratedPage
      title="Data categories"
      description="The kinds of personal data Steward knows about, as a tree. Special categories (GDPR Article 9) need an explicit legal basis before any use."
      loading="Loading data categories"
    >
      <CategoriesAdmin />
    </HydratedPage>
  );
}
