"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { SegmentEditor } from "./segment-editor";

export function EditSegment({ id }: { id: string }) {
  const trpc = useTRPC();
  // A form must not change under the user's hands when the window regains focus.
  const segment = useQuery({ ...trpc.segments.byId.queryOptions({ id }), refetchOnWindowFocus: false });
  // Bumped by "Reload latest version": a new editor starts from the freshly loaded version.
  const [generation, setGeneration] = useState(0);

  if (segment.isPending) return <Spinner label="Loading the segment" />;
  if (segment.error) return <ErrorState message={segment.error.message} onRetry={() => segment.refetch()} />;
  const edit = segment.data.can.edit;
  if (!edit.allowed) {
    return (
      <EmptyState title="You cannot edit this segment">
        <p data-testid="cannot-edit">
          {edit.reason} The owner is {segment.data.ownerName}.
        </p>
        <Link href={`/catalog/segments/${id}`} className="mt-2 inline-block font-medium text-brand-700 underline">
          Back to {segment.data.name}
        </Link>
      </EmptyState>
    );
  }
  return (
    <SegmentEditor
      key={generation}
      mode="edit"
      segment={segment.data}
      onReload={async () => {
        await segment.refetch({ throwOnError: true });
        setGeneration((g) => g + 1);
      }}
    />
  );
}
