"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DetailHeader } from "@/components/ui/breadcrumb";
import { OverdueBadge, ReviewStatusBadge, SensitivityBadge } from "@/components/reviews/badges";
import { subjectHref, textLink } from "@/components/reviews/format";
import { useTRPC } from "@/components/trpc/provider";
import { formatDateTime } from "@/domain/dates";
import { Badge, Card } from "@/components/ui/layout";
import { Spinner, PageError } from "@/components/ui/states";
import { TYPE_LABELS } from "@/domain/review-rules";
import { ApprovalsCard } from "./approvals-card";
import { CommentsCard } from "./comments-card";
import { DecisionCard } from "./decision-card";
import { FindingsCard } from "./findings-card";
import { SnapshotCard, VersionCard } from "./version-card";
import { ProposalCard } from "./proposal-card";
import type { ReviewRequest } from "./types";

const SUBJECT_KIND = { segment: "segment", data_source: "data source", signal: "signal", proposed_source: "proposed data source", policy: "consent policy" } as const;

export function RequestView({ id }: { id: string }) {
  const trpc = useTRPC();
  const request = useQuery(trpc.reviews.byId.queryOptions({ requestId: id }));

  if (request.isPending) return <Spinner label="Loading the review request" />;
  if (request.error) {
    return <PageError title="Review request" message={request.error.message} onRetry={() => request.refetch()} />;
  }
  const r = request.data;
  return (
    <>
      <DetailHeader
        back={{ href: "/reviews", label: "Reviews" }}
        title={r.subjectLabel}
        badgesTestId="request-badges"
        badges={
          <>
            <Badge>{TYPE_LABELS[r.type]}</Badge>
            <ReviewStatusBadge value={r.status} />
            <SensitivityBadge value={r.sensitivity} />
            {r.overdue && <OverdueBadge />}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <RequestCard r={r} />
          <ProposalCard r={r} />
          {r.subjectType === "segment" && !r.proposal ? (
            <VersionCard r={r} />
          ) : r.subjectType === "signal" || r.subjectType === "data_source" ? (
            <SnapshotCard snapshot={r.subjectSnapshot} />
          ) : null}
          {r.segment && <FindingsCard findings={r.segment.findings} version={r.subjectVersion} />}
          <CommentsCard r={r} />
        </div>
        <div className="min-w-0 space-y-6">
          <DecisionCard r={r} />
          <ApprovalsCard r={r} />
        </div>
      </div>
    </>
  );
}

function RequestCard({ r }: { r: ReviewRequest }) {
  return (
    <Card title="Request">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        <dt className="text-slate-600">Subject</dt>
        <dd className="break-words text-slate-900">
          <Link href={subjectHref(r.subjectType, r.subjectId)} className={textLink}>
            {r.subjectLabel}
          </Link>{" "}
          <span className="text-slate-600">
            ({SUBJECT_KIND[r.subjectType]}
            {r.subjectVersion !== null ? `, version ${r.subjectVersion}` : ""}
            {r.subjectType === "proposed_source" ? ", not in the catalog yet" : ""})
          </span>
        </dd>
        <dt className="text-slate-600">Type</dt>
        <dd className="text-slate-900">{TYPE_LABELS[r.type]}</dd>
        <dt className="text-slate-600">Requested by</dt>
        <dd className="text-slate-900" data-testid="requester">
          {r.requesterName} on <time dateTime={new Date(r.createdAt).toISOString()}>{formatDateTime(r.createdAt)}</time>
        </dd>
        <dt className="text-slate-600">Due</dt>
        <dd className="flex flex-wrap items-center gap-2 text-slate-900">
          <time dateTime={new Date(r.dueAt).toISOString()}>{formatDateTime(r.dueAt)}</time>
          {r.overdue && <OverdueBadge />}
        </dd>
        {r.closedAt && (
          <>
            <dt className="text-slate-600">Closed</dt>
            <dd className="text-slate-900">
              <time dateTime={new Date(r.closedAt).toISOString()}>{formatDateTime(r.closedAt)}</time>
            </dd>
          </>
        )}
        <dt className="text-slate-600">Justification</dt>
        <dd className="break-words whitespace-pre-wrap text-slate-900" data-testid="justification">
          {r.justification}
        </dd>
      </dl>
    </Card>
  );
}
