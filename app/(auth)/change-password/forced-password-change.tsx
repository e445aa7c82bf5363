"use client";

import { signOut } from "next-auth/react";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { textLink } from "@/components/ui/button";

export function ForcedPasswordChange() {
  return (
    <div className="space-y-6">
      <ChangePasswordForm submitLabel="Save and continue" onChanged={() => window.location.assign("/")} />
      <p className="border-t border-slate-200 pt-4 text-sm text-slate-600">
        Not you, or not now?{" "}
        <button type="button" className={textLink} onClick={() => signOut({ callbackUrl: "/sign-in" })}>
          Sign out
        </button>
      </p>
    </div>
  );
}
