"use client";

import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { Button } from "@/components/ui/button";

/** Downloads a segment's evidence pack (a POST: taking one is audited). */
export function EvidencePackButton({ segmentId }: { segmentId: string }) {
  const allowed = useCan("evidence:export");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!allowed) return null;
  async function download() {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/segments/${segmentId}/evidence`, { method: "POST" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? "The evidence pack could not be built. Try again.");
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "evidence.zip";
      const url = URL.createObjectURL(await res.blob());
      const a = Object.assign(document.createElement("a"), { href: url, download: name });
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The evidence pack could not be built.");
    } finally {
      setPending(false);
    }
  }
  return (
    <span className="inline-flex flex-col items-end">
      <Button variant="secondary" pending={pending} onClick={download}>
        Download evidence pack
      </Button>
      {error && <span className="mt-1 text-sm text-red-700">{error}</span>}
    </span>
  );
}
