"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DeniedTools, toolText } from "@/components/activation/denied-tools";
import { impactCsv, impactFileName } from "@/components/lineage/impact-csv";
import { kindLabel, type GraphNode } from "@/components/lineage/graph-model";
import { SENSITIVITY_STYLE } from "@/components/lineage/lineage-node";
import { LABELS } from "@/domain/vocab";
import { useTRPC } from "@/components/trpc/provider";
import { Button, textLink } from "@/components/ui/button";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { downloadText } from "@/components/ui/download";

/** Impact analysis: every segment and channel the chosen node feeds, however far downstream. */
export function ImpactPanel({ node }: { node: GraphNode }) {
  const trpc = useTRPC();
  const impact = useQuery(trpc.lineage.impact.queryOptions({ node: node.node }));
  // The closure starts at the node itself: a segment is not "affected" by itself.
  const d = impact.data && { ...impact.data, segments: impact.data.segments.filter((s) => s.node !== node.node) };
  return (
    <Card title="Impact analysis">
      <div className="space-y-3" data-testid="impact-panel">
        <p className="text-sm text-slate-700">
          What changes if the {kindLabel(node.kind).toLowerCase()} <span className="font-medium text-slate-900">{node.label}</span> changes or its consent is withdrawn: every segment and
          channel it feeds, directly or through other segments.
        </p>
        {impact.isPending && <Spinner label="Finding affected segments" />}
        {impact.error && <ErrorState message={impact.error.message} onRetry={() => impact.refetch()} />}
        {d && (
          <>
            <div className="flex flex-wrap items-center gap-3">
              <p className="text-sm text-slate-900" role="status">
                {d.segments.length} {d.segments.length === 1 ? "segment" : "segments"} and {d.channels.length} {d.channels.length === 1 ? "channel" : "channels"} affected.
              </p>
              <Button
                variant="secondary"
                disabled={d.segments.length + d.channels.length === 0}
                onClick={() => downloadText(impactFileName(node.label), impactCsv(window.location.origin, node, d.segments, d.channels))}
              >
                Download CSV
              </Button>
            </div>
            {d.partial && <p className="text-sm text-amber-900">The list stops at 10,000 downstream nodes or 25 hops; there may be more.</p>}
            <ToolsSummary segments={d.segments} days={d.recentDays} />
            {d.channels.length > 0 && (
              <p className="text-sm text-slate-800">
                <span className="font-medium">Channels:</span> {d.channels.map((c) => c.label).join(", ")}
              </p>
            )}
            {d.segments.length > 0 && (
              <TableWrap label="Affected segments">
                <TableHead columns={["Segment", "Status", "Sensitivity", "Hops away"]} />
                <tbody className="divide-y divide-slate-100">
                  {d.segments.map((s) => (
                    <tr key={s.node}>
                      <td className={td}>
                        <Link href={`/catalog/segments/${s.id}`} className={textLink}>
                          {s.label}
                        </Link>
                        <DeniedTools tools={s.tools} days={d.recentDays} />
                      </td>
                      <td className={td}>{s.status ? LABELS.status[s.status] : "—"}</td>
                      <td className={td}>{s.sensitivity ? (SENSITIVITY_STYLE[s.sensitivity]?.label ?? s.sensitivity) : "—"}</td>
                      <td className={td}>{s.depth}</td>
                    </tr>
                  ))}
                </tbody>
              </TableWrap>
            )}
          </>
        )}
      </div>
    </Card>
  );
}

/** Every tool in one line, so the answer to "who will notice?" comes before the table. */
function ToolsSummary({ segments, days }: { segments: Array<{ tools: Array<{ name: string; channel: string }> }>; days: number }) {
  const all = [...new Set(segments.flatMap((s) => s.tools.map(toolText)))];
  return (
    <p className="text-sm text-slate-800" data-testid="impact-tools">
      <span className="font-medium">Activation tools:</span>{" "}
      {all.length === 0 ? `none used these segments in the last ${days} days.` : `${all.join(", ")} will start being denied if these segments are blocked.`}
    </p>
  );
}
