"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { SegmentStatus } from "@/domain/vocab";
import { useInvalidateReviews } from "./invalidate";

/** Activate, pause and retire, each behind its own permission; the server re-checks status and ownership. */
export function LifecycleButtons({ segmentId, name, status }: { segmentId: string; name: string; status: SegmentStatus }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const can = { activate: useCan("segment:activate"), pause: useCan("segment:pause"), retire: useCan("segment:retire") };
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const onSuccess = () => {
    setRetiring(false);
    void invalidate();
  };
  const activate = useMutation(trpc.lifecycle.activate.mutationOptions({ onSuccess }));
  const pause = useMutation(trpc.lifecycle.pause.mutationOptions({ onSuccess }));
  const retire = useMutation(trpc.lifecycle.retire.mutationOptions({ onSuccess }));
  const error = activate.error ?? pause.error ?? retire.error;
  const reset = () => [activate, pause, retire].forEach((m) => m.reset());

  const showActivate = can.activate && (status === "approved" || status === "paused");
  const showPause = can.pause && status === "active";
  const showRetire = can.retire && status !== "retired";
  if (!showActivate && !showPause && !showRetire) return null;

  if (retiring) {
    return (
      <form
        className="max-w-md space-y-2"
        aria-label={`Retire ${name}`}
        onSubmit={(e) => {
          e.preventDefault();
          const short = reason.trim().length < 3;
          setTooShort(short);
          if (!short) retire.mutate({ segmentId, reason: reason.trim() });
        }}
      >
        <p className="text-sm text-slate-800">Retiring is final: the segment can no longer be activated, and its open review requests are withdrawn.</p>
        <TextField
          label="Reason for retiring"
          name="reason"
          value={reason}
          autoFocus
          aria-required
          onChange={(e) => setReason(e.target.value)}
          error={tooShort ? "Say why (at least 3 characters)." : null}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" pending={retire.isPending}>
            Retire segment
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              setRetiring(false);
            }}
          >
            Cancel
          </Button>
        </div>
        {retire.error && (
          <p role="alert" className="text-sm text-red-700">
            {retire.error.message}
          </p>
        )}
      </form>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {showActivate && (
          <Button
            pending={activate.isPending}
            onClick={() => {
              reset();
              activate.mutate({ segmentId });
            }}
          >
            Activate
          </Button>
        )}
        {showPause && (
          <Button
            variant="secondary"
            pending={pause.isPending}
            onClick={() => {
              reset();
              pause.mutate({ segmentId });
            }}
          >
            Pause
          </Button>
        )}
        {showRetire && (
          <Button
            variant="danger"
            onClick={() => {
              reset();
              setRetiring(true);
            }}
          >
            Retire…
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700" data-testid="lifecycle-error">
          {error.message}
        </p>
      )}
    </div>
  );
}
