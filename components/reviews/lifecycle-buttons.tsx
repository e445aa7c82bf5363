"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import type { LifecycleAction, Verdict } from "@/domain/segment-lifecycle";
import { useInvalidateReviews } from "./invalidate";

/**
 * Activate, pause and retire: offered exactly where `segments.byId` says this person may
 * (domain/segment-lifecycle); the server asks the same table again when the button is pressed.
 */
export function LifecycleButtons({
  segmentId,
  name,
  can,
  onDone,
}: {
  segmentId: string;
  name: string;
  can: Record<LifecycleAction, Verdict>;
  /** Told which action went through, so that the page can say so. */
  onDone: (action: "activate" | "pause" | "retire") => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState("");
  const onSuccess = (action: "activate" | "pause" | "retire") => () => {
    setRetiring(false);
    onDone(action);
    void invalidate();
  };
  const activate = useMutation(trpc.lifecycle.activate.mutationOptions({ onSuccess: onSuccess("activate") }));
  const pause = useMutation(trpc.lifecycle.pause.mutationOptions({ onSuccess: onSuccess("pause") }));
  const retire = useMutation(trpc.lifecycle.retire.mutationOptions({ onSuccess: onSuccess("retire") }));
  const error = activate.error ?? pause.error ?? retire.error;
  const reset = () => [activate, pause, retire].forEach((m) => m.reset());

  const showActivate = can.activate.allowed;
  const showPause = can.pause.allowed;
  const showRetire = can.retire.allowed;
  if (!showActivate && !showPause && !showRetire) return null;

  if (retiring) {
    return (
      <form
        className="max-w-md space-y-2"
        aria-label={`Retire ${name}`}
        onSubmit={(e) => {
          e.preventDefault();
          retire.mutate({ segmentId, reason });
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
          error={formErrors(retire.error).fields.reason ?? null}
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
        {formErrors(retire.error).form && (
          <p role="alert" className="text-sm text-red-700">
            {formErrors(retire.error).form}
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
