"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";

/** Revoking takes effect at once and needs a reason for the audit trail. */
export function RevokeException({ id, subject }: { id: string; subject: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
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
    <form
      className="w-64 space-y-2 whitespace-normal"
      aria-label={`Revoke exception: ${subject}`}
      onSubmit={(e) => {
        e.preventDefault();
        const short = reason.trim().length < 3;
        setTooShort(short);
        if (!short) revoke.mutate({ id, reason: reason.trim() });
      }}
    >
      <TextField
        label="Reason for revoking"
        name="reason"
        value={reason}
        aria-required
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        error={tooShort ? "Say why (at least 3 characters)." : errors.fields.reason}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={revoke.isPending}>
          Revoke
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            revoke.reset();
            setOpen(false);
          }}
        >
          Cancel
        </Button>
      </div>
      {errors.form && (
        <p className="text-sm text-red-700" data-testid="form-error">
          {errors.form}
        </p>
      )}
    </form>
  );
}
