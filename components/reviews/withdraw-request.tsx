"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { useInvalidateReviews } from "./invalidate";

/** "Withdraw…" with a confirmation; shown only where the server says this person may withdraw. */
export function WithdrawRequest({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation(trpc.reviews.withdraw.mutationOptions({ onSuccess: () => void invalidate() }));
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      {confirming ? (
        <>
          <p className="text-sm text-slate-800">Withdraw this request? Reviewers will no longer see it; a segment in review goes back to draft.</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" pending={withdraw.isPending} onClick={() => withdraw.mutate({ requestId })}>
              Withdraw request
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Withdraw…
        </Button>
      )}
      {withdraw.error && (
        <p role="alert" className="text-sm text-red-700">
          {withdraw.error.message}
        </p>
      )}
    </div>
  );
}
