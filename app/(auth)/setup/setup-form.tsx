"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc/provider";

export function SetupForm() {
  const trpc = useTRPC();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [signInError, setSignInError] = useState<string | null>(null);
  const create = useMutation(
    trpc.setup.createFirstAdmin.mutationOptions({
      onSuccess: async () => {
        const res = await signIn("credentials", { email: form.email, password: form.password, redirect: false });
        if (res?.error) setSignInError(res.error);
        else window.location.assign("/");
      },
    }),
  );
  const errors = formErrors(create.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(form);
      }}
    >
      <TextField label="Your name" name="name" autoComplete="name" value={form.name} onChange={set("name")} error={errors.fields.name} required />
      <TextField label="Work email" name="email" type="email" autoComplete="email" value={form.email} onChange={set("email")} error={errors.fields.email} required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. A passphrase is easiest to remember."
        value={form.password}
        onChange={set("password")}
        error={errors.fields.password}
        required
      />
      {(errors.form || signInError) && (
        <p className="text-sm text-red-700" data-testid="form-error">
          {errors.form ?? signInError}
        </p>
      )}
      <Button type="submit" className="w-full" pending={create.isPending || create.isSuccess}>
        Create admin account
      </Button>
    </form>
  );
}
