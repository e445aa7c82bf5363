"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function SignInForm({ initialError, sso }: { initialError: string | null; sso: { name: string } | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (res?.error) {
        setError(res.error === "CredentialsSignin" ? "Email or password is incorrect." : res.error);
        setPending(false);
      } else {
        window.location.assign("/");
      }
    } catch {
      setError("Could not reach Steward. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form className="space-y-4" onSubmit={submit}>
        <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
            {error}
          </p>
        )}
        <Button type="submit" className="w-full" pending={pending}>
          Sign in
        </Button>
      </form>
      {sso && (
        <div className="border-t border-slate-200 pt-6">
          <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl: "/" })}>
            Sign in with {sso.name}
          </Button>
        </div>
      )}
    </div>
  );
}
