import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth";
import { ForcedPasswordChange } from "./forced-password-change";

export const metadata: Metadata = { title: "Choose your password" };
export const dynamic = "force-dynamic";

/** Where someone signed in with a temporary password lands; the server refuses them everything else until they are done. */
export default async function ChangePasswordPage() {
  const { user } = await currentSession();
  if (!user) redirect("/sign-in");
  if (!user.mustChangePassword) redirect("/settings/password");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Choose your own password</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Signed in as <span className="font-medium text-slate-800">{user.email}</span> with a temporary password an admin set. Choose your own to continue.
      </p>
      <ForcedPasswordChange />
    </>
  );
}
