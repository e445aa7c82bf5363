"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { PASSWORD_RULE } from "@/domain/password-rule";

/**
 * Changing one's own password, with the current one. The server checks the rule and ends the
 * person's other sessions; `onChanged` is told how many ended.
 */
export function ChangePasswordForm({ submitLabel, onChanged }: { submitLabel: string; onChanged: (otherSessionsEnded: number) => void }) {
  const trpc = useTRPC();
  const empty = { currentPassword: "", newPassword: "", confirm: "" };
  const [form, setForm] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(
    trpc.users.changeOwnPassword.mutationOptions({
      onSuccess: ({ otherSessionsEnded }) => {
        setForm(empty);
        onChanged(otherSessionsEnded);
      },
    }),
  );
  const errors = formErrors(change.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        // Only a typing check: the rule itself is the server's.
        const differs = form.newPassword !== form.confirm;
        setMismatch(differs);
        if (!differs) change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
      }}
    >
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={form.currentPassword}
        onChange={set("currentPassword")}
        error={errors.fields.currentPassword}
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_RULE}
        value={form.newPassword}
        onChange={set("newPassword")}
        error={errors.fields.newPassword}
        required
      />
      <TextField
        label="New password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={form.confirm}
        onChange={set("confirm")}
        error={mismatch ? "The two new passwords differ." : null}
        required
      />
      {errors.form && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          {errors.form}
        </p>
      )}
      <Button type="submit" pending={change.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
