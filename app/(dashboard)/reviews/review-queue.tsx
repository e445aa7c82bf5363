"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { OverdueBadge, ReviewStatusBadge, SensitivityBadge } from "@/components/reviews/badges";
import { outstandingText, textLink } from "@/components/reviews/format";
import { formatDate } from "@/domain/dates";
import { useTRPC } from "@/components/trpc/provider";
import { SelectField } from "@/components/ui/field";
import { TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { REVIEW_STATUSES, REVIEW_TYPES, STATUS_LABELS, TYPE_LABELS, type ReviewStatus, type ReviewType } from "@/domain/review-rules";
import type { AppRouter } from "@/server/trpc/root";
import { listInput, parseQueueParams, QUEUES, queueHref, type Queue, type QueueParams } from "./queue-params";

type Row = inferRouterOutputs<AppRouter>["reviews"]["list"][number];

const EMPTY: Record<Queue, { title: string; body: string }> = {
  awaiting_me: { title: "Nothing awaits your review", body: "Requests your roles can decide appear here; your own requests never do." },
  mine: { title: "You have not asked for any reviews", body: "Submit a segment for approval from its page in the catalog." },
  open: { title: "No open requests", body: "Every request has been decided, withdrawn or has expired." },
  all: { title: "No review requests yet", body: "Requests appear here when someone submits a segment or a new use of data for approval." },
};

export function ReviewQueue() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = parseQueueParams(useSearchParams());
  // Keep the previous rows on screen while another view loads, instead of flashing a spinner.
  const list = useQuery({ ...trpc.reviews.list.queryOptions(listInput(params)), placeholderData: (prev) => prev });
  const go = (next: QueueParams) => router.replace(queueHref(next), { scroll: false });
  const filtered = Boolean(params.type || params.status || params.overdue);

  return (
    <div className="space-y-4">
      <nav aria-label="Review queues" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex gap-1 border-b border-slate-200">
          {QUEUES.map((q) => (
            <li key={q.key}>
              <Link
                href={queueHref({ queue: q.key, type: params.type, overdue: params.overdue })}
                aria-current={params.queue === q.key ? "page" : undefined}
                className={`-mb-px block border-b-2 px-2 py-2 text-sm sm:px-3 font-medium whitespace-nowrap ${
                  params.queue === q.key ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-300"
                }`}
              >
                {q.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Filters params={params} onChange={go} />
      {list.isPending && <Spinner label="Loading review requests" />}
      {list.error && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && (
        <p role="status" className="text-sm text-slate-700" data-testid="queue-count">
          {list.data.length === 1 ? "1 request" : `${list.data.length} requests`}
          {list.data.length === 100 ? " (the first 100, soonest due first)" : ""}
        </p>
      )}
      {list.data && list.data.length === 0 && (
        <EmptyState title={filtered ? "No requests match these filters" : EMPTY[params.queue].title}>
          {filtered ? (
            <Link href={queueHref({ queue: params.queue })} className={textLink}>
              Clear the filters
            </Link>
          ) : (
            EMPTY[params.queue].body
          )}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && <RequestTable rows={list.data} />}
    </div>
  );
}

function Filters({ params, onChange }: { params: QueueParams; onChange: (p: QueueParams) => void }) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <div className="w-full sm:w-56">
        <SelectField label="Type" name="type" value={params.type ?? ""} onChange={(e) => onChange({ ...params, type: (e.target.value || undefined) as ReviewType | undefined })}>
          <option value="">All types</option>
          {REVIEW_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
      </div>
      {params.queue === "all" && (
        <div className="w-full sm:w-48">
          <SelectField label="Status" name="status" value={params.status ?? ""} onChange={(e) => onChange({ ...params, status: (e.target.value || undefined) as ReviewStatus | undefined })}>
            <option value="">Any status</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <label className="inline-flex items-center gap-2 pb-2 text-sm text-slate-800">
        <input
          type="checkbox"
          name="overdue"
          checked={Boolean(params.overdue)}
          onChange={(e) => onChange({ ...params, overdue: e.target.checked || undefined })}
          className="size-4 rounded border-slate-400 accent-brand-700"
        />
        Overdue only
      </label>
    </div>
  );
}

function RequestTable({ rows }: { rows: Row[] }) {
  return (
    <TableWrap label="Review requests">
      <TableHead columns={["Subject", "Type", "Status", "Sensitivity", "Requester", "Due", "Still to approve"]} />
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id} data-testid={`review-row-${r.id}`}>
            <td className={`${td} min-w-48`}>
              <Link href={`/reviews/${r.id}`} className={`${textLink} font-medium break-words`}>
                {r.subjectLabel}
              </Link>
              {r.subjectVersion !== null && <p className="text-xs text-slate-600">Version {r.subjectVersion}</p>}
            </td>
            <td className={`${td} whitespace-nowrap`}>{TYPE_LABELS[r.type]}</td>
            <td className={td}>
              <ReviewStatusBadge value={r.status} />
            </td>
            <td className={td}>
              <SensitivityBadge value={r.sensitivity} />
            </td>
            <td className={`${td} whitespace-nowrap`}>{r.requesterName}</td>
            <td className={`${td} whitespace-nowrap`}>
              <time dateTime={new Date(r.dueAt).toISOString()}>{formatDate(r.dueAt)}</time>
              {r.overdue && (
                <span className="ml-2">
                  <OverdueBadge />
                </span>
              )}
            </td>
            <td className={`${td} min-w-40`}>{r.status === "open" ? outstandingText(r.outstanding) : <span className="text-slate-600">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </TableWrap>
  );
}
