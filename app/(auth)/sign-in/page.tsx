import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth";
import { serverEnv } from "@/server/env";
import { needsSetup } from "@/server/auth/guards";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const NEXT_AUTH_ERRORS: Record<string, string> = {
  OAuthSignin: "Single sign-on could not start. Try again or use your email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Access was denied.",
  CredentialsSignin: "Email or password is incorrect.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await needsSetup()) redirect("/setup");
  const { user } = await currentSession();
  const params = await searchParams;
  if (user) redirect("/");
  const error = params.error ? (NEXT_AUTH_ERRORS[params.error] ?? params.error) : null;
  const oidc = serverEnv().oidc;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">Sign in</h1>
      <SignInForm initialError={error} sso={oidc ? { name: oidc.displayName } : null} />
    </>
  );
}
