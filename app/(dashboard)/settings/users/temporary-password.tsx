"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { PASSWORD_RULE } from "@/domain/password-rule";

/** An admin gives someone a temporary password; the server ends their sessions and makes them choose their own at next sign-in. */
export function TemporaryPasswordForm({ user, onDone }: { user: { id: string; name: string }; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [password, setPassword] = useState("");
  const set = useMutation(
    trpc.users.setTemporaryPassword.mutationOptions({
      onSuccess: ({ sessionsEnded }) => {
        void qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        const sessions = sessionsEnded === 0 ? "" : sessionsEnded === 1 ? " Their session has ended." : ` Their ${sessionsEnded} sessions have ended.`;
        onDone(`Temporary password set for ${user.name}.${sessions} They choose their own at their next sign-in.`);
      },
    }),
  );
  const errors = formErrors(set.error);
  return (
    <form
      className="max-w-xl space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ userId: user.id, password });
      }}
    >
      <TextField
        label="Temporary password"
        name="temporaryPassword"
        autoFocus
        type="password"
        autoComplete="new-password"
        hint={`${PASSWORD_RULE} Share it with them securely: they must replace it at their next sign-in, and any session they have now ends.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.fields.password ?? errors.form}
        required
      />
      <div className="flex gap-2">
        <Button type="submit" pending={set.isPending}>
          Set temporary password
        </Button>
        <Button variant="secondary" onClick={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
