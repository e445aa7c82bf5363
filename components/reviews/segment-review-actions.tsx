"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import { isClosed, TYPE_LABELS } from "@/domain/review-rules";
import { ReviewStatusBadge } from "./badges";
import { formatDate } from "@/domain/dates";
import { outstandingText, textLink } from "./format";
import { useInvalidateReviews } from "./invalidate";
import { LifecycleButtons } from "./lifecycle-buttons";
import { WithdrawRequest } from "./withdraw-request";

/**
 * A segment's review state, "Submit for approval", "Withdraw…" and the lifecycle buttons, for the
 * segment page; each offered only where `segments.byId`'s `can` allows it.
 */
export function SegmentReviewActions({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const segment = useQuery(trpc.segments.byId.queryOptions({ id: segmentId }));
  const requests = useQuery(trpc.reviews.list.queryOptions({ queue: "all", subjectId: segmentId, limit: 50 }));

  if (segment.isPending) return <Spinner label="Loading the review state" />;
  if (segment.error) return <ErrorState message={segment.error.message} onRetry={() => segment.refetch()} />;
  const s = segment.data;
  const open = (requests.data ?? []).filter((r) => !isClosed(r.status));
  const lastClosed = (requests.data ?? []).filter((r) => isClosed(r.status)).sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))[0];
  const headApproved = Boolean(s.approvedVersionId && s.approvedVersionId === s.headVersionId);

  return (
    <Card title="Review and lifecycle">
      <div className="space-y-4" data-testid="segment-review-actions">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-800">
          <span>
            Status: <strong data-testid="lifecycle-status">{LABELS.status[s.status]}</strong>
          </span>
          <span className="text-slate-600">·</span>
          <span>
            {headApproved
              ? `Version ${s.version} is approved and in force.`
              : s.approvedVersionId
                ? `Version ${s.version} is a draft; the approved version stays in force until it is approved.`
                : `Version ${s.version}; no version approved yet.`}
          </span>
        </p>
        {requests.isPending && <Spinner label="Loading review requests" />}
        {requests.error && <ErrorState message={requests.error.message} onRetry={() => requests.refetch()} />}
        {open.length > 0 && (
          <ul className="space-y-2" aria-label="Open review requests" data-testid="open-requests">
            {open.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2 text-sm">
                <ReviewStatusBadge value={r.status} />
                <Link href={`/reviews/${r.id}`} className={textLink}>
                  {TYPE_LABELS[r.type]} of version {r.subjectVersion}
                </Link>
                <span className="text-slate-700">
                  {r.status === "open" && r.outstanding.length > 0 ? `waiting for ${outstandingText(r.outstanding)}, ` : ""}due {formatDate(r.dueAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {open.length === 0 && lastClosed && (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
            Last review:
            <ReviewStatusBadge value={lastClosed.status} />
            <Link href={`/reviews/${lastClosed.id}`} className={textLink}>
              {TYPE_LABELS[lastClosed.type]} of version {lastClosed.subjectVersion}
            </Link>
          </p>
        )}
        {s.can.submit.allowed && <SubmitForApproval segmentId={s.id} />}
        {s.can.withdraw.allowed && s.pendingApprovalId && <WithdrawRequest requestId={s.pendingApprovalId} />}
        <LifecycleButtons segmentId={s.id} name={s.name} can={s.can} />
      </div>
    </Card>
  );
}

function SubmitForApproval({ segmentId }: { segmentId: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const submit = useMutation(
    trpc.reviews.submitSegment.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setJustification("");
        void invalidate();
      },
    }),
  );
  const errors = formErrors(submit.error);

  if (!open) {
    return (
      <div className="space-y-1">
        <Button onClick={() => setOpen(true)}>Submit for approval</Button>
        <p className="text-xs text-slate-600">Every check runs first; blocking findings without an exception stop the submission.</p>
      </div>
    );
  }
  return (
    <form
      className="space-y-3"
      aria-label="Submit for approval"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate({ segmentId, justification });
      }}
    >
      <TextArea
        label="Justification"
        name="justification"
        value={justification}
        autoFocus
        aria-required
        hint="Why this segment is needed now; reviewers read it first."
        onChange={(e) => setJustification(e.target.value)}
        error={errors.fields.justification ?? null}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" pending={submit.isPending}>
          Submit for approval
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            submit.reset();
            setOpen(false);
          }}
        >
          Cancel
        </Button>
      </div>
      {errors.form && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="submit-error">
          {errors.form}
        </p>
      )}
    </form>
  );
}
