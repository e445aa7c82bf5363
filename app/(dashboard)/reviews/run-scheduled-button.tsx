"use client";

import { useMutation } from "@tanstack/react-query";
import { useInvalidateReviews } from "@/components/reviews/invalidate";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** For admins: the re-certification, expiry and withdrawal-spike checks, on demand. */
export function RunScheduledButton() {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const canRun = useCan("jobs:run");
  const run = useMutation(trpc.jobs.runScheduled.mutationOptions({ onSuccess: () => void invalidate() }));
  if (!canRun) return null;
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button variant="secondary" pending={run.isPending} onClick={() => run.mutate()}>
        Run scheduled checks now
      </Button>
      <p role="status" className="max-w-xs text-sm text-slate-700 sm:text-right" data-testid="scheduled-result">
        {run.data &&
          `Done: ${n(run.data.opened, "re-certification", "re-certifications")} opened, ${n(run.data.paused, "segment", "segments")} paused, ${n(run.data.expired, "request", "requests")} expired, ${n(run.data.withdrawalSpikes, "withdrawal spike", "withdrawal spikes")} raised.`}
      </p>
      {run.error && <p className="max-w-xs text-sm text-red-700 sm:text-right">{run.error.message}</p>}
    </div>
  );
}
