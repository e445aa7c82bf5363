"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";
import { textLink } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { EMPTY_SOURCE, SourceForm, sourcePayload } from "./source-form";

/** The add-source form; opened from an approved new-source request (?request=), filled in from it. */
export function NewSource() {
  const trpc = useTRPC();
  const requestId = useSearchParams().get("request");
  const request = useQuery(trpc.reviews.byId.queryOptions(requestId ? { requestId } : skipToken));
  if (!requestId) return <SourceCard initial={EMPTY_SOURCE} />;
  if (request.isPending) return <Spinner label="Loading the request" />;
  if (request.error) return <ErrorState message={request.error.message} onRetry={() => request.refetch()} />;
  const payload = request.data.proposal?.payload;
  const registered = request.data.registeredSource;
  if (registered)
    return (
      <Card>
        <p className="text-sm text-slate-800">
          This request’s source is already registered:{" "}
          <Link href={`/catalog/sources/${registered.id}`} className={textLink}>
            {registered.name}
          </Link>
          .
        </p>
      </Card>
    );
  if (payload?.type !== "new_source" || request.data.status !== "approved") return <SourceCard initial={EMPTY_SOURCE} />;
  return (
    <SourceCard
      fromRequestId={requestId}
      note={`Filled in from the approved request for “${payload.name}”. Check the key, owner and retention, then add it.`}
      initial={{
        ...EMPTY_SOURCE,
        key: payload.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "_")
          .replace(/^_|_$/g, "")
          .slice(0, 60),
        name: payload.name,
        description: payload.collects,
        systemType: payload.systemType,
        jurisdictions: [...payload.jurisdictions],
        consentCaptureNotes: payload.consent,
      }}
    />
  );
}

function SourceCard({ initial, note, fromRequestId }: { initial: typeof EMPTY_SOURCE; note?: string; fromRequestId?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const create = useMutation(
    trpc.sources.create.mutationOptions({
      onSuccess: ({ id }) => {
        void qc.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
        router.push(`/catalog/sources/${id}`);
      },
    }),
  );
  return (
    <Card>
      {note && (
        <p className="mb-4 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-slate-800" data-testid="filled-from-request">
          {note}
        </p>
      )}
      <SourceForm
        initial={initial}
        keyEditable
        submitLabel="Add data source"
        // Stays busy while the detail page loads, so the form cannot be sent twice.
        pending={create.isPending || create.isSuccess}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate({ ...sourcePayload(v), key: v.key, fromRequestId })}
        onCancel={() => router.push("/catalog/sources")}
      />
    </Card>
  );
}
