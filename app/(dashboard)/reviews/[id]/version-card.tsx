"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Card } from "@/components/ui/layout";
import { ChangeTable } from "@/components/reviews/change-table";
import { ErrorState, Spinner } from "@/components/ui/states";
import { formatDateTime } from "@/domain/dates";
import { LABELS, type Channel } from "@/domain/vocab";
import type { ReviewRequest } from "./types";

const note = "rounded-md border px-3 py-2 text-sm";

/** The version under review against the version in force: a field-level diff, or the whole version when it is the first. */
export function VersionCard({ r }: { r: ReviewRequest }) {
  const seg = r.segment;
  const pinned = r.subjectVersion;
  if (!seg || pinned === null || !r.subjectId) {
    return (
      <Card title="Version under review">
        <p className="text-sm text-slate-700">The segment behind this request no longer exists.</p>
      </Card>
    );
  }
  const stale = seg.headVersion !== pinned && (r.status === "open" || r.status === "changes_requested");
  return (
    <Card title={`Version ${pinned} under review`}>
      <div className="space-y-3" data-testid="version-card">
        {stale && (
          <p className={`${note} border-amber-300 bg-amber-50 text-amber-900`}>
            The segment has been edited since: version {seg.headVersion} is now the latest. This request reviews version {pinned}, which can no longer be approved; the requester should
            submit the new version.
          </p>
        )}
        {seg.inForceVersion === null ? (
          <>
            <p className={`${note} border-blue-200 bg-blue-50 text-blue-900`} data-testid="first-approval">
              First approval — no version in force yet.
            </p>
            <SegmentSummary id={r.subjectId} pinned={pinned} />
          </>
        ) : seg.inForceVersion === pinned ? (
          <>
            <p className={`${note} border-green-200 bg-green-50 text-green-900`}>Version {pinned} is the version in force.</p>
            <SegmentSummary id={r.subjectId} pinned={pinned} />
          </>
        ) : (
          <VersionDiff id={r.subjectId} from={seg.inForceVersion} to={pinned} />
        )}
      </div>
    </Card>
  );
}

function VersionDiff({ id, from, to }: { id: string; from: number; to: number }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.segments.diff.queryOptions({ id, from, to }));
  if (diff.isPending) return <Spinner label="Loading the changes" />;
  if (diff.error) return <ErrorState message={diff.error.message} onRetry={() => diff.refetch()} />;
  return (
    <>
      <p className="text-sm text-slate-700">Compared with version {from}, which is in force until this one is approved.</p>
      {diff.data.changes.length === 0 ? (
        <p className="text-sm text-slate-700">No field differs from the version in force.</p>
      ) : (
        <ChangeTable
          rows={diff.data.changes}
          beforeLabel={`In force (version ${from})`}
          afterLabel={`Under review (version ${to})`}
          caption={`Changes from version ${from} to version ${to}`}
        />
      )}
    </>
  );
}

/** The segment's current version in brief; `segments.byId` reads the latest, so say when that is not the pinned one. */
function SegmentSummary({ id, pinned }: { id: string; pinned: number }) {
  const trpc = useTRPC();
  const segment = useQuery(trpc.segments.byId.queryOptions({ id }));
  if (segment.isPending) return <Spinner label="Loading the segment" />;
  if (segment.error) return <ErrorState message={segment.error.message} onRetry={() => segment.refetch()} />;
  const s = segment.data;
  const d = s.data;
  const rows: Array<[string, string]> = [
    ["Purpose statement", d.purposeStatement || "—"],
    ["Definition", s.sentence],
    ["Declared purposes", s.declaredPurposes.map((p) => p.name).join(", ") || "—"],
    ["Channels", d.channels.map((c: Channel) => LABELS.channel[c]).join(", ") || "—"],
    ["Sensitivity", LABELS.sensitivity[s.sensitivity]],
    ["Refresh cadence", d.refreshCadence ? LABELS.cadence[d.refreshCadence] : "—"],
    ["Lookback window", d.lookbackDays ? `${d.lookbackDays} days` : "—"],
    ["Minimum reportable cohort", d.minCohortSize ? String(d.minCohortSize) : "—"],
    ["Assumptions", d.rationale.assumptions || "—"],
    ["Limitations", d.rationale.limitations || "—"],
    ["Expected outcomes", d.rationale.expectedOutcomes || "—"],
    ["Owner", s.ownerName],
  ];
  return (
    <div className="space-y-2" data-testid="segment-summary">
      {s.version !== pinned && (
        <p className="text-sm text-slate-700">
          This is the latest version ({s.version}); the request reviews version {pinned}.
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-words whitespace-pre-wrap text-slate-900">{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/** A snapshot's field names as a reader knows them; a field not listed is shown by its key. */
const SNAPSHOT_LABELS: Record<string, string> = {
  key: "Key",
  name: "Name",
  description: "Description",
  systemType: "System type",
  owner: "Owner",
  jurisdictions: "Jurisdictions",
  retentionDays: "Retention (days)",
  encryptedInTransit: "Encrypted in transit",
  encryptedAtRest: "Encrypted at rest",
  pseudonymised: "Pseudonymised",
  consentCapturePoints: "Consent capture points",
  consentCaptureNotes: "How consent is captured",
  kind: "Kind",
  fidelity: "Fidelity",
  identifiability: "Identifiability",
  valueType: "Value type",
  allowedValues: "Allowed values",
  consentChangedAt: "Consent last changed",
  createdAt: "Created",
  updatedAt: "Last updated",
  retiredAt: "Retired",
};
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

function snapshotValue(v: unknown): string {
  if (Array.isArray(v)) return v.join(", ") || "—";
  if (v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string" && ISO_TIME.test(v)) return formatDateTime(v);
  return String(v);
}

/** Other subjects (sources, signals) are pinned by a snapshot taken when the request was opened. */
export function SnapshotCard({ snapshot }: { snapshot: unknown }) {
  const entries =
    snapshot && typeof snapshot === "object"
      ? Object.entries(snapshot as Record<string, unknown>).filter(([k, v]) => !k.endsWith("Id") && k !== "id" && (typeof v !== "object" || Array.isArray(v) || v === null))
      : [];
  return (
    <Card title="Subject as submitted">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">No snapshot was recorded for this request.</p>
      ) : (
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
          {entries.map(([k, v]) => (
            <Fragment key={k}>
              <dt className="text-slate-600">{SNAPSHOT_LABELS[k] ?? k}</dt>
              <dd className="break-words text-slate-900">{snapshotValue(v)}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </Card>
  );
}
