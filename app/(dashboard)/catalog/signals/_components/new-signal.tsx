"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";
import { formErrors } from "@/components/ui/errors";
import { Card } from "@/components/ui/layout";
import { SignalForm, emptySignal, signalPayload } from "./signal-form";

export function NewSignal({ sourceId }: { sourceId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const create = useMutation(
    trpc.signals.create.mutationOptions({
      onSuccess: ({ id }) => {
        void qc.invalidateQueries({ queryKey: trpc.signals.list.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.sources.pathKey() });
        router.push(`/catalog/signals/${id}`);
      },
    }),
  );
  return (
    <Card>
      <SignalForm
        initial={emptySignal(sourceId)}
        keyEditable
        submitLabel="Add signal"
        // Stays busy while the detail page loads, so the form cannot be sent twice.
        pending={create.isPending || create.isSuccess}
        errors={formErrors(create.error)}
        onSubmit={(v) => create.mutate({ ...signalPayload(v), key: v.key })}
        onCancel={() => router.push(sourceId ? `/catalog/sources/${sourceId}` : "/catalog/signals")}
      />
    </Card>
  );
}
