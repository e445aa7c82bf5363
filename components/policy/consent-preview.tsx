"use client";

import Link from "next/link";
import { useId } from "react";
import { Badge } from "@/components/ui/layout";
import { ErrorState } from "@/components/ui/states";
import { LABELS, type Channel, type SegmentStatus } from "@/domain/vocab";
import { RECENT_USAGE_DAYS } from "@/domain/activation-usage";
import { DeniedTools } from "@/components/activation/denied-tools";
import { plural, textLink } from "./format";

interface PreviewItem {
  segmentId: string;
  name: string;
  status: string;
  channels: string[];
  newBlocking: Array<{ title: string; message: string }>;
  tools: Array<{ name: string; channel: string }>;
}

/** The what-if of a consent change: which segments, on which channels, would become blocked. */
export function ConsentPreview({
  changed,
  problem,
  updating,
  error,
  onRetry,
  items,
}: {
  changed: boolean;
  problem: string | null;
  updating: boolean;
  error: string | null;
  onRetry: () => void;
  items: PreviewItem[] | null;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="consent-preview">
      <h3 id={titleId} className="text-sm font-semibold text-slate-900">
        What saving would change
      </h3>
      <div aria-live="polite" className="mt-2 space-y-2 text-sm text-slate-800">
        {!changed && <p>Change the purposes above to see which segments would gain blocking findings.</p>}
        {changed && problem && <p>{problem} Then the preview appears here.</p>}
        {changed && !problem && error && <ErrorState message={`The preview failed: ${error}`} onRetry={onRetry} />}
        {changed && !problem && !error && items === null && <p>Checking the segments that use this signal…</p>}
        {changed && !problem && !error && items !== null && (
          <>
            {items.length === 0 ? (
              <p data-testid="preview-summary">No segment would gain a blocking finding.</p>
            ) : (
              <p data-testid="preview-summary" className="font-medium text-red-800">
                Saving this would give {plural(items.length, "segment", "segments")} new blocking findings:
              </p>
            )}
            {updating && <p className="text-xs text-slate-600">Updating…</p>}
            {items.length > 0 && (
              <ul className="space-y-2">
                {items.map((s) => (
                  <li key={s.segmentId} className="rounded border border-red-200 bg-white p-2" data-testid="preview-segment">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/catalog/segments/${s.segmentId}`} className={`${textLink} font-medium break-words`}>
                        {s.name}
                      </Link>
                      <Badge>{LABELS.status[s.status as SegmentStatus] ?? s.status}</Badge>
                    </div>
                    <p className="mt-1 text-xs text-slate-700">Channels: {s.channels.length ? s.channels.map((c) => LABELS.channel[c as Channel] ?? c).join(", ") : "none"}</p>
                    <ul className="mt-1 list-disc pl-5">
                      {s.newBlocking.map((f, i) => (
                        <li key={i} className="break-words">
                          <span className="font-medium">{f.title}</span>
                          <span className="block text-xs text-slate-700">{f.message}</span>
                        </li>
                      ))}
                    </ul>
                    <DeniedTools tools={s.tools} days={RECENT_USAGE_DAYS} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
