import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsSetup } from "@/server/auth/guards";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Steward" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome to Steward</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Create the first admin account. There are no default passwords: this account is the only way in until you add others.</p>
      <SetupForm />
    </>
  );
}
