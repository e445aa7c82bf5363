"use client";

import Link from "next/link";
import { useId } from "react";
import { Badge } from "@/components/ui/layout";
import { ErrorState } from "@/components/ui/states";
import { LABELS, type Channel, type SegmentStatus } from "@/domain/vocab";
import { RECENT_USAGE_DAYS } from "@/domain/activation-usage";
import { DeniedTools } from "@/components/activation/denied-tools";
import { plural, textLink } from "./format";

interface PreviewFinding {
  policyKey: string;
  severity: "block" | "warn";
  title: string;
  message: string;
}
interface StillThere extends PreviewFinding {
  noLongerBlames: string[];
  nowBlames: string[];
}
interface PreviewItem {
  segmentId: string;
  name: string;
  status: string;
  channels: string[];
  added: PreviewFinding[];
  cleared: PreviewFinding[];
  unchanged: StillThere[];
  tools: Array<{ name: string; channel: string }>;
}

const blocking = (fs: PreviewFinding[]) => fs.filter((f) => f.severity === "block").length;
const names = (xs: string[]) => xs.map((x) => `“${x}”`).join(", ");

/** One line per outcome, so the whole change reads at a glance. */
function summary(items: PreviewItem[]): string {
  if (items.length === 0) return "No segment’s findings would change.";
  const added = items.reduce((n, s) => n + blocking(s.added), 0);
  const cleared = items.reduce((n, s) => n + s.cleared.length, 0);
  const parts = [
    added ? `${plural(added, "new blocking finding", "new blocking findings")}` : "no new blocking finding",
    cleared ? `${plural(cleared, "finding", "findings")} cleared` : "none cleared",
  ];
  return `Saving this would change the findings of ${plural(items.length, "segment", "segments")}: ${parts.join(", ")}.`;
}

function FindingList({ kind, findings }: { kind: "added" | "cleared" | "unchanged"; findings: Array<PreviewFinding | StillThere> }) {
  if (findings.length === 0) return null;
  const heading = { added: "New", cleared: "Cleared", unchanged: "Still there" }[kind];
  const tone = { added: "text-red-800", cleared: "text-green-800", unchanged: "text-slate-700" }[kind];
  return (
    <div data-testid={`preview-${kind}`}>
      <p className={`mt-2 text-xs font-semibold tracking-wide uppercase ${tone}`}>
        {heading} ({findings.length})
      </p>
      <ul className="list-disc pl-5">
        {findings.map((f, i) => (
          <li key={i} className="break-words">
            <span className={kind === "cleared" ? "font-medium line-through decoration-green-700" : "font-medium"}>{f.title}</span>{" "}
            <Badge tone={f.severity === "block" ? (kind === "cleared" ? "slate" : "red") : "amber"}>{f.severity === "block" ? "Blocks" : "Warning"}</Badge>
            {kind !== "unchanged" && <span className="block text-xs text-slate-700">{f.message}</span>}
            {"noLongerBlames" in f && f.noLongerBlames.length > 0 && <span className="block text-xs text-slate-700">No longer caused by {names(f.noLongerBlames)}.</span>}
            {"nowBlames" in f && f.nowBlames.length > 0 && <span className="block text-xs text-slate-700">Now also caused by {names(f.nowBlames)}.</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The what-if of a consent change: per segment, the findings it would gain, lose and keep. */
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
        {!changed && <p>Change the purposes above to see which findings segments would gain or lose.</p>}
        {changed && problem && <p>{problem} Then the preview appears here.</p>}
        {changed && !problem && error && <ErrorState message={`The preview failed: ${error}`} onRetry={onRetry} />}
        {changed && !problem && !error && items === null && <p>Checking the segments that use this signal…</p>}
        {changed && !problem && !error && items !== null && (
          <>
            <p data-testid="preview-summary" className={items.some((s) => blocking(s.added)) ? "font-medium text-red-800" : "font-medium"}>
              {summary(items)}
            </p>
            {updating && <p className="text-xs text-slate-600">Updating…</p>}
            {items.length > 0 && (
              <ul className="space-y-2">
                {items.map((s) => (
                  <li key={s.segmentId} className={`rounded border bg-white p-2 ${blocking(s.added) ? "border-red-200" : "border-slate-200"}`} data-testid="preview-segment">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/catalog/segments/${s.segmentId}`} className={`${textLink} font-medium break-words`}>
                        {s.name}
                      </Link>
                      <Badge>{LABELS.status[s.status as SegmentStatus] ?? s.status}</Badge>
                    </div>
                    <p className="mt-1 text-xs text-slate-700">Channels: {s.channels.length ? s.channels.map((c) => LABELS.channel[c as Channel] ?? c).join(", ") : "none"}</p>
                    <FindingList kind="added" findings={s.added} />
                    <FindingList kind="cleared" findings={s.cleared} />
                    <FindingList kind="unchanged" findings={s.unchanged} />
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
