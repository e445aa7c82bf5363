"use client";

import { useState } from "react";
import { ChangePasswordForm } from "@/components/account/change-password-form";

export function OwnPasswordChange() {
  const [ended, setEnded] = useState<number | null>(null);
  return (
    <div className="space-y-4">
      {ended !== null && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. {ended === 0 ? "You had no other sessions." : ended === 1 ? "Your 1 other session has ended." : `Your ${ended} other sessions have ended.`}
        </p>
      )}
      <ChangePasswordForm submitLabel="Change password" onChanged={setEnded} />
    </div>
  );
}
