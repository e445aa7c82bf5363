"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { auditHistoryHref } from "@/components/audit/history-link";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { Confirmation } from "@/components/ui/confirmation";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { ErrorState, Spinner } from "@/components/ui/states";
import { LABELS } from "@/domain/vocab";
import { UNDO_PAUSE_WINDOW_SECONDS } from "@/domain/segment-lifecycle";
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
  // Kept here, above the buttons: the one that was pressed may be gone once the segment changes.
  const [done, setDone] = useState<Done | null>(null);

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
        {/* Keyed by the action: a new one starts its message, and an Undo's minute, afresh. */}
        {done && <DoneMessage key={done.action} done={done} segment={s} onChange={setDone} />}
        {s.can.submit.allowed && <SubmitForApproval segmentId={s.id} version={s.version} onDone={setDone} />}
        {s.can.withdraw.allowed && s.pendingApprovalId && <WithdrawRequest requestId={s.pendingApprovalId} />}
        <LifecycleButtons segmentId={s.id} name={s.name} can={s.can} onDone={(action) => setDone({ action })} />
      </div>
    </Card>
  );
}

function SubmitForApproval({ segmentId, version, onDone }: { segmentId: string; version: number; onDone: (d: Done) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState("");
  const submit = useMutation(
    trpc.reviews.submitSegment.mutationOptions({
      onSuccess: (request) => {
        setOpen(false);
        setJustification("");
        onDone({ action: "submit", requestId: request.id, version });
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

/** What was just done on this segment, for the confirmation. */
type Done = { action: "activate" | "pause" | "retire" | "undo" } | { action: "submit"; requestId: string; version: number };

type SegmentView = { id: string; name: string; can: { undo_pause: { allowed: boolean } } };

// The server allows a minute; the button goes a little earlier, so that a click in the last
// seconds does not meet a refusal on the way.
const UNDO_OFFER_MS = (UNDO_PAUSE_WINDOW_SECONDS - 5) * 1000;

/** "… is paused", with a link to where it shows, and Undo for a pause while the server allows it. */
function DoneMessage({ done, segment: s, onChange }: { done: Done; segment: SegmentView; onChange: (d: Done | null) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateReviews();
  const canReadAudit = useCan("audit:read");
  const undo = useMutation(
    trpc.lifecycle.undoPause.mutationOptions({
      onSuccess: () => {
        onChange({ action: "undo" });
        void invalidate();
      },
    }),
  );
  const name = `“${s.name}”`;
  const text = {
    activate: `${name} is active: tools may use it now.`,
    pause: `${name} is paused: tools are refused it until it is activated again.`,
    retire: `${name} is retired, and its open review requests were withdrawn.`,
    undo: `The pause is undone: ${name} is active again.`,
    submit: done.action === "submit" ? `Version ${done.version} of ${name} is submitted for approval.` : "",
  }[done.action];
  const link =
    done.action === "submit"
      ? { href: `/reviews/${done.requestId}`, label: "Open the review request" }
      : canReadAudit
        ? { href: auditHistoryHref("segment", s.id), label: "See it in the audit trail" }
        : { href: "#activation-gate", label: "See what tools are told" };
  return (
    <div className="space-y-2">
      <Confirmation
        link={link}
        onDismiss={() => onChange(null)}
        undo={
          // The minute starts now; the server's `can` says so once the pause has been read back.
          done.action === "pause"
            ? { label: "Undo pause", forMs: UNDO_OFFER_MS, available: s.can.undo_pause.allowed, pending: undo.isPending, onUndo: () => undo.mutate({ segmentId: s.id }) }
            : undefined
        }
      >
        {text}
      </Confirmation>
      {undo.error && (
        <p role="alert" className="text-sm text-red-700" data-testid="undo-error">
          {undo.error.message}
        </p>
      )}
    </div>
  );
}
