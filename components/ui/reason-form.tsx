"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FormErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";

/** Reasons go into the audit trail, so a word or two is asked for before anything is sent. */
const MIN_LENGTH = 3;

/**
 * A small inline form that asks why before a destructive step (retire, revoke): one reason field,
 * the step's red button and Cancel. The reason is sent trimmed.
 */
export function ReasonForm({
  formLabel,
  reasonLabel,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  /** The form's accessible name: "Retire Web events". */
  formLabel: string;
  /** "Reason for retiring". */
  reasonLabel: string;
  submitLabel: string;
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
      aria-label={formLabel}
      onSubmit={(e) => {
        e.preventDefault();
        const short = reason.trim().length < MIN_LENGTH;
        setTooShort(short);
        if (!short) onSubmit(reason.trim());
      }}
    >
      <TextField
        label={reasonLabel}
        name="reason"
        value={reason}
        aria-required
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        error={tooShort ? `Say why (at least ${MIN_LENGTH} characters).` : errors.fields.reason}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={pending}>
          {submitLabel}
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

/** Retiring needs a reason, which goes into the audit trail. */
export function RetireForm({ subject, ...rest }: { subject: string } & Omit<Parameters<typeof ReasonForm>[0], "formLabel" | "reasonLabel" | "submitLabel">) {
  return <ReasonForm formLabel={`Retire ${subject}`} reasonLabel="Reason for retiring" submitLabel="Retire" {...rest} />;
}
