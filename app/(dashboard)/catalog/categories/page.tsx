import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Forbidden, Spinner } from "@/components/ui/states";
import { deniedReason } from "@/server/auth/guards";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/rsc";
import { CategoriesAdmin } from "./categories-admin";

export const metadata: Metadata = { title: "Data categories" };

export default async function CategoriesPage() {
  const denied = await deniedReason("category:read");
  if (denied) return <Forbidden reason={denied} />;
  void getQueryClient().prefetchQuery(trpc.categories.list.queryOptions({ includeRetired: false }));
  return (
    <HydrateClient>
      <PageHeader
        title="Data categories"
        description="The kinds of personal data Steward knows about, as a tree. Special categories (GDPR Article 9) need an explicit legal basis before any use."
      />
      {/* useSearchParams in the client component needs a Suspense boundary. */}
      <Suspense fallback={<Spinner label="Loading data categories" />}>
        <CategoriesAdmin />
      </Suspense>
    </HydrateClient>
  );
}
