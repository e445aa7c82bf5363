import { Suspense, type ReactNode } from "react";
import { PageHeader } from "@/components/ui/layout";
import { Spinner } from "@/components/ui/states";
import { HydrateClient } from "@/server/trpc/rsc";

/**
 * A dashboard page: its header, then the client component that reads the data the server page has
 * started prefetching (handed over by HydrateClient). With `loading`, the body sits in a Suspense
 * boundary, which a client component reading useSearchParams needs.
 */
export function HydratedPage({
  title,
  description,
  actions,
  above,
  loading,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown above the title, e.g. a breadcrumb. */
  above?: ReactNode;
  /** The spinner's label while the body suspends. */
  loading?: string;
  children: ReactNode;
}) {
  return (
    <HydrateClient>
      {above}
      <PageHeader title={title} description={description} actions={actions} />
      {loading ? <Suspense fallback={<Spinner label={loading} />}>{children}</Suspense> : children}
    </HydrateClient>
  );
}
