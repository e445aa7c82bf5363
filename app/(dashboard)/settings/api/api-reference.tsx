"use client";

import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";

// The viewer (Swagger UI) is large and browser-only: loaded on this page alone, after the document.
const OpenApiViewer = dynamic(() => import("./openapi-viewer"), { ssr: false, loading: () => <Spinner label="Loading the reference viewer" /> });

const DOCUMENT_URL = "/api/v1/openapi.json";

export function ApiReference() {
  const doc = useQuery({
    queryKey: ["openapi-document"],
    queryFn: async () => {
      const res = await fetch(DOCUMENT_URL, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`The API reference could not be loaded (HTTP ${res.status}).`);
      return (await res.json()) as Record<string, unknown>;
    },
    staleTime: Infinity,
  });
  return (
    <Card title="Reference">
      {doc.isPending ? (
        <Spinner label="Loading the API reference" />
      ) : doc.isError ? (
        <ErrorState message={doc.error.message} onRetry={() => void doc.refetch()} />
      ) : (
        <div className="api-ref min-w-0 max-w-full overflow-x-hidden" data-testid="api-reference">
          <OpenApiViewer document={doc.data} />
        </div>
      )}
    </Card>
  );
}
