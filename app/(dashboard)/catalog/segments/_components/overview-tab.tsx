import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/domain/dates";
import { Card } from "@/components/ui/layout";
import { LABELS, type Channel } from "@/domain/vocab";
import { SensitivityBadge, StatusBadge } from "./badges";
import type { SegmentDetail } from "./types";

const none = <span className="text-slate-600">—</span>;

function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {items.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</dt>
          <dd className="mt-0.5 text-sm break-words whitespace-pre-line text-slate-900">{value === "" || value == null ? none : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function channelText(ch: Channel, caps: SegmentDetail["data"]["frequencyCaps"]): string {
  const cap = caps?.[ch];
  return cap ? `${LABELS.channel[ch]} (at most ${cap.count} per ${cap.perDays} day${cap.perDays === 1 ? "" : "s"})` : LABELS.channel[ch];
}

export function OverviewTab({ segment: s }: { segment: SegmentDetail }) {
  const d = s.data;
  const raised = s.sensitivity !== s.derivedSensitivity;
  return (
    <div className="space-y-4">
      <Card title="Definition">
        <p className="text-sm text-slate-900" data-testid="segment-sentence">
          {s.sentence}
        </p>
      </Card>
      <Card title="Summary">
        <Facts
          items={[
            ["Name", s.name],
            [
              "Key",
              <code key="k" className="text-xs">
                {s.key}
              </code>,
            ],
            ["Status", <StatusBadge key="s" value={s.status} />],
            [
              "Sensitivity",
              <span key="v" className="flex flex-wrap items-center gap-2" data-testid="segment-sensitivity">
                <SensitivityBadge value={s.sensitivity} />
                {raised && <span className="text-slate-700">raised; derived: {LABELS.sensitivity[s.derivedSensitivity]}</span>}
                {!raised && <span className="text-slate-700">derived from its inputs</span>}
              </span>,
            ],
            ["Description", d.description],
            ["Purpose statement", d.purposeStatement],
            ["Business goal", LABELS.goal[d.businessGoal]],
            ["Declared purposes", s.declaredPurposes.map((p) => p.name).join(", ")],
            ["Channels", d.channels.map((c) => channelText(c, d.frequencyCaps)).join(", ")],
          ]}
        />
      </Card>
      <Card title="Refresh and reporting">
        <Facts
          items={[
            ["Refresh cadence", d.refreshCadence ? LABELS.cadence[d.refreshCadence] : ""],
            ["Lookback window", d.lookbackDays ? `${d.lookbackDays} days` : ""],
            ["Minimum reportable cohort", d.minCohortSize ? String(d.minCohortSize) : ""],
            ["Re-certify by", d.recertifyBy ? formatDate(d.recertifyBy) : ""],
          ]}
        />
      </Card>
      <Card title="Ownership">
        <Facts
          items={[
            ["Owner", `${s.ownerName} (${s.ownerEmail})`],
            ["Team", d.team],
            ["Tags", d.tags.join(", ")],
            ["Last saved", formatDateTime(s.versionAt)],
          ]}
        />
      </Card>
      <Card title="Rationale">
        <Facts
          items={[
            ["Assumptions", d.rationale.assumptions],
            ["Limitations", d.rationale.limitations],
            ["Expected outcomes", d.rationale.expectedOutcomes],
          ]}
        />
      </Card>
    </div>
  );
}
