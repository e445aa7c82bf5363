"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/layout";

interface Example {
  id: string;
  method: string;
  path: string;
  summary: string;
  scope: string | null;
  curl: string;
}

export function CurlExamples({ examples }: { examples: Example[] }) {
  return (
    <ul className="space-y-4">
      {examples.map((e) => (
        <li key={e.id} data-testid={`curl-${e.id}`} className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{e.summary}</h3>
            <code className="text-xs text-slate-700">
              {e.method} {e.path}
            </code>
            <Badge>{e.scope ? `scope ${e.scope}` : "any token"}</Badge>
          </div>
          <CopyableCode label={`${e.method} ${e.path}`} code={e.curl} />
        </li>
      ))}
    </ul>
  );
}

function CopyableCode({ code, label }: { code: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setState("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is there to select.
      setState("failed");
    }
  };
  return (
    <div className="mt-2 min-w-0">
      {/* Focusable, so that a keyboard can scroll a long line at phone width. */}
      <pre tabIndex={0} className="max-w-full overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
      <div className="mt-1 flex items-center gap-3">
        <Button variant="secondary" onClick={copy} aria-label={`Copy the curl command for ${label}`}>
          Copy
        </Button>
        <span role="status" className="text-sm text-slate-600">
          {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: select the text instead." : ""}
        </span>
      </div>
    </div>
  );
}
