"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A signing secret, shown once after creation or rotation, with a copy button. */
export function SecretNotice({ secret }: { secret: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">Copy this signing secret now; it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 break-all" data-testid="new-secret">
          {secret}
        </code>
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            )
          }
        >
          Copy
        </Button>
      </div>
      {copied === "yes" && <p className="mt-1">Copied.</p>}
      {copied === "failed" && <p className="mt-1">The browser did not allow copying; select the secret and copy it by hand.</p>}
    </div>
  );
}
