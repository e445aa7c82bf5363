"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { outstandingText, subjectHref } from "@/components/reviews/format";
import { useInvalidateReviews } from "@/components/reviews/invalidate";
import { WithdrawRequest } from "@/components/reviews/withdraw-request";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Confirmation } from "@/components/ui/confirmation";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { STATUS_LABELS } from "@/domain/review-rules";
import type { ReviewRequest } from "./types";

type Decision = "approve" | "request_changes" | "reject";
/** What the decision did, once the server has answered: the request's status after it. */
type Done = { decision: Decision; status: string };

/** The decision, and what it did to the request, in words. */
function doneText(d: Done, r: ReviewRequest): string {
  if (d.decision === "request_changes") return "You asked for changes; the requester has been told.";
  if (d.decision === "reject") return "You rejected the request; the requester has been told.";
  if (d.status !== "approved") return "Your approval is recorded; the request waits for the other approvals it needs.";
  // A proposal about a segment (an algorithm change) approves the proposal, not the version.
  return r.subjectType === "segment" && r.subjectVersion && !r.proposal
    ? `Your approval is recorded: version ${r.subjectVersion} of “${r.subjectLabel}” is approved.`
    : `Your approval is recorded: the request about “${r.subjectLabel}” is approved.`;
}

/** Approve, request changes or reject, only for someone the server says may decide; otherwise why not. */
export function DecisionCard({ r }: { r: ReviewRequest }) {
  const canHoldDecide = useCan("review:decide");
  // Kept here: the form itself goes away once the decision is in.
  const [done, setDone] = useState<Done | null>(null);
  return (
    <Card title="Decision">
      <div className="space-y-4">
        <p className="text-sm text-slate-800" data-testid="request-state">
          {r.status === "open"
            ? r.outstanding.length
              ? `Waiting for ${outstandingText(r.outstanding)}.`
              : "Every required approval is in."
            : r.status === "changes_requested"
              ? "Changes were requested. The requester can withdraw this request and submit a new version."
              : `This request is closed: ${STATUS_LABELS[r.status].toLowerCase()}.`}
        </p>
        {done && (
          <div data-testid="decided">
            <Confirmation link={{ href: subjectHref(r.subjectType, r.subjectId), label: `Open “${r.subjectLabel}”` }} onDismiss={() => setDone(null)}>
              {doneText(done, r)}
            </Confirmation>
          </div>
        )}
        {r.canDecide ? (
          <DecideForm requestId={r.id} onDone={setDone} />
        ) : (
          canHoldDecide &&
          r.status === "open" &&
          r.cannotDecideReason && (
            <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="cannot-decide">
              {r.cannotDecideReason}
            </p>
          )
        )}
        {r.canWithdraw && <WithdrawRequest requestId={r.id} />}
      </div>
    </Card>
  );
}

function DecideForm({ requestId, onDone }: { requestId: string; onDone: (d: Done) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const [comment, setComment] = useState("");
  const [chosen, setChosen] = useState<Decision | null>(null);
  const decide = useMutation(
    trpc.reviews.decide.mutationOptions({
      onSuccess: (result, input) => {
        setComment("");
        onDone({ decision: input.decision, status: result.status });
        void invalidate();
      },
    }),
  );
  const errors = formErrors(decide.error);
  const send = (decision: Decision) => {
    setChosen(decision);
    decide.mutate({ requestId, decision, comment });
  };
  return (
    <form className="space-y-3" aria-label="Decide on this request" onSubmit={(e) => e.preventDefault()}>
      <TextArea
        label="Comment (optional)"
        name="comment"
        value={comment}
        hint="The requester sees it with your decision."
        onChange={(e) => setComment(e.target.value)}
        error={errors.fields.comment ?? null}
      />
      <div className="flex flex-wrap gap-2">
        <Button pending={decide.isPending && chosen === "approve"} disabled={decide.isPending} onClick={() => send("approve")}>
          Approve
        </Button>
        <Button variant="secondary" pending={decide.isPending && chosen === "request_changes"} disabled={decide.isPending} onClick={() => send("request_changes")}>
          Request changes
        </Button>
        <Button variant="danger" pending={decide.isPending && chosen === "reject"} disabled={decide.isPending} onClick={() => send("reject")}>
          Reject
        </Button>
      </div>
      {errors.form && (
        <p role="alert" className="text-sm text-red-700" data-testid="decide-error">
          {errors.form}
        </p>
      )}
    </form>
  );
}
