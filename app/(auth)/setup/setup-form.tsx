"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc/provider";
import { PASSWORD_RULE } from "@/domain/password-rule";

export function SetupForm() {
  const trpc = useTRPC();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [withSample, setWithSample] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);
  const loadSample = useMutation(trpc.setup.loadSample.mutationOptions({ onSuccess: () => window.location.assign("/") }));
  const create = useMutation(
    trpc.setup.createFirstAdmin.mutationOptions({
      onSuccess: async () => {
        const res = await signIn("credentials", { email: form.email, password: form.password, redirect: false });
        if (res?.error) setSignInError(res.error);
        // The sample is loaded as the new admin, so it needs the session that sign-in just set.
        else if (withSample) loadSample.mutate();
        else window.location.assign("/");
      },
    }),
  );
  const errors = formErrors(create.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });

  if (loadSample.isPending || loadSample.isSuccess) {
    return (
      <p className="text-sm text-slate-700" role="status" data-testid="sample-progress">
        Your admin account is ready. Loading the sample workspace…
      </p>
    );
  }
  if (loadSample.isError) {
    // The admin exists and is signed in; only the sample failed, and nothing of it was kept.
    return (
      <div className="space-y-4" data-testid="sample-error">
        <p className="text-sm text-red-700">Your admin account is ready, but the sample workspace could not be loaded: {formErrors(loadSample.error).form}</p>
        <p className="text-sm text-slate-700">Nothing of the sample was kept. You can load it later from the dashboard while the catalog is empty.</p>
        <div className="flex gap-2">
          <Button onClick={() => loadSample.mutate()}>Try again</Button>
          <Button variant="secondary" onClick={() => window.location.assign("/")}>
            Continue without it
          </Button>
        </div>
      </div>
    );
  }

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
        hint={PASSWORD_RULE}
        value={form.password}
        onChange={set("password")}
        error={errors.fields.password}
        required
      />
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" name="sample" className="mt-0.5 size-4" checked={withSample} onChange={(e) => setWithSample(e.target.checked)} />
        <span>Load a sample workspace to explore (a retailer&apos;s data sources, signals and segments)</span>
      </label>
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
