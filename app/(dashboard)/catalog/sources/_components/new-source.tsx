"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";
import { formErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { EMPTY_SOURCE, SourceForm, sourcePayload } from "./source-form";

export function NewSource() {
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
      <SourceForm
        initial={EMPTY_SOURCE}
        keyEditable
        submitLabel="Add data source"
        // Stays busy while the detail page loads, so the form cannot be sent twice.
        pending={create.isPending || create.isSuccess}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate({ ...sourcePayload(v), key: v.key })}
        onCancel={() => router.push("/catalog/sources")}
      />
    </Card>
  );
}
