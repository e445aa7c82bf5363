"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";

/** "we said X" → "we said x", so a reason reads on after the dash ("denied — re-certification overdue …"). */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * What activation tools are told right now, per declared channel: the same answer the decision
 * API gives (server/modules/activation), so the page and the gate cannot disagree.
 */
export function GateCard({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const gate = useQuery(trpc.gate.forSegment.queryOptions({ segmentId }));
  return (
    <Card title="Activation gate" id="activation-gate">
      <div data-testid="gate-card" className="space-y-2">
        {gate.isPending && <Spinner label="Asking the gate" />}
        {gate.error && <ErrorState message={gate.error.message} onRetry={() => gate.refetch()} />}
        {gate.data && gate.data.decisions.length === 0 && <p className="text-sm text-slate-700">No channels are declared, so no tool may use this segment.</p>}
        {gate.data && gate.data.decisions.length > 0 && (
          <>
            <p className="text-sm text-slate-700">What activation tools are told if they ask now (GET /api/v1/segments/{"{key}"}/decision).</p>
            <ul className="space-y-1 text-sm">
              {gate.data.decisions.map((d) => (
                <li key={d.channel} data-testid={`gate-${d.channel}`} className="break-words">
                  <span className="font-medium text-slate-900">{LABELS.channel[d.channel]}:</span>{" "}
                  {d.allowed ? (
                    <span className="text-green-800">allowed</span>
                  ) : (
                    <span className="text-red-800">denied — {d.reasons.map((r) => lowerFirst(r.message).replace(/\.$/, "")).join("; ")}</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}
