"use client";

import type { ReactNode } from "react";
import { Button } from "./button";

/** A form's last row: submit, Cancel, an optional note, and the form-wide error. */
export function FormActions({
  submitLabel,
  pending,
  disabled,
  error,
  onCancel,
  className = "gap-3",
  children,
}: {
  submitLabel: string;
  pending: boolean;
  disabled?: boolean;
  error: string | null | undefined;
  onCancel: () => void;
  /** Spacing and grid placement, e.g. "gap-3 md:col-span-2" under a two-column form. */
  className?: string;
  /** Shown between the buttons and the error, e.g. why submit is disabled. */
  children?: ReactNode;
}) {
  return (
    <div className={`flex flex-wrap items-center ${className}`}>
      <Button type="submit" pending={pending} disabled={disabled}>
        {submitLabel}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      {children}
      {error && (
        <p className="text-sm text-red-700" data-testid="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
