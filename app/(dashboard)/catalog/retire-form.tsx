"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";

/** Retiring needs a reason, which goes into the audit trail. */
export function RetireForm({
  subject,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  subject: string;
  pending: boolean;
  errors: FormErrors;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  return (
    <form
      className="w-64 space-y-2 whitespace-normal"
      aria-label={`Retire ${subject}`}
      onSubmit={(e) => {
        e.preventDefault();
        const short = reason.trim().length < 3;
        setTooShort(short);
        if (!short) onSubmit(reason.trim());
      }}
    >
      <TextField
        label="Reason for retiring"
        name="reason"
        value={reason}
        aria-required
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        error={tooShort ? "Say why (at least 3 characters)." : errors.fields.reason}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={pending}>
          Retire
        </Button>
        <Button variant="secondary" onClick={onCancel}>
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
