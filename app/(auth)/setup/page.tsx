import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/server/db";
import { userCount } from "@/server/modules/users/service";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Steward" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if ((await userCount(await getDb())) > 0) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome to Steward</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Create the first admin account. There are no default passwords: this account is the only way in until you add others.
      </p>
      <SetupForm />
    </>
  );
}
