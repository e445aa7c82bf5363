"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { ReasonForm } from "@/components/ui/reason-form";

/** Revoking takes effect at once and needs a reason for the audit trail. */
export function RevokeException({ id, subject }: { id: string; subject: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(
    trpc.policy.revokeException.mutationOptions({
      // The segment may be blocked again: lists, counts and its page change with it.
      onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: trpc.policy.pathKey() }), qc.invalidateQueries({ queryKey: trpc.segments.pathKey() })]),
    }),
  );
  const errors = formErrors(revoke.error);

  if (!open) {
    return (
      <Button variant="danger" aria-label={`Revoke exception: ${subject}`} onClick={() => setOpen(true)}>
        Revoke
      </Button>
    );
  }
  return (
    <ReasonForm
      formLabel={`Revoke exception: ${subject}`}
      reasonLabel="Reason for revoking"
      submitLabel="Revoke"
      pending={revoke.isPending}
      errors={errors}
      onSubmit={(reason) => revoke.mutate({ id, reason })}
      onCancel={() => {
        revoke.reset();
        setOpen(false);
      }}
    />
  );
}
