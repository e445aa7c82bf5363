"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { DetailHeader } from "@/components/ui/breadcrumb";
import { AlgorithmChangeRequest } from "@/components/reviews/request-forms/algorithm-change";
import { usePathname, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/provider";

import { isNotFound } from "@/components/ui/errors";
import { Spinner, PageError } from "@/components/ui/states";
import { SensitivityBadge, StatusBadge } from "./badges";
import { EvidencePackButton } from "@/components/evidence/evidence-button";
import { FindingsPanel } from "@/components/policy/findings-panel";
import { UsedByPanel } from "@/components/activation/used-by-panel";
import { SegmentReviewActions } from "@/components/reviews/segment-review-actions";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import { HistoryTab } from "./history-tab";
import { SegmentNotFound } from "./segment-not-found";
import { InputsTab } from "./inputs-tab";
import { linkButton, secondaryLinkButton } from "@/components/ui/button";
import { OverviewTab } from "./overview-tab";
import { GateCard } from "./gate-card";
import { Tabs, type TabDef } from "./tabs";

// The charting library loads with the Performance tab only, not with every segment page.
const PerformanceTab = dynamic(() => import("@/components/metrics/performance-tab").then((m) => m.PerformanceTab), {
  ssr: false,
  loading: () => <Spinner label="Loading outcomes" />,
});

type TabKey = "overview" | "inputs" | "lineage" | "performance" | "history";
const TABS: TabDef<TabKey>[] = [
  { key: "overview", label: "Overview" },
  { key: "inputs", label: "Inputs" },
  { key: "lineage", label: "Lineage" },
  { key: "performance", label: "Performance" },
  { key: "history", label: "History" },
];

export function SegmentDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const segment = useQuery(trpc.segments.byId.queryOptions({ id }));
  const tabParam = searchParams.get("tab");
  const tab: TabKey = TABS.some((t) => t.key === tabParam) ? (tabParam as TabKey) : "overview";
  // The tab lives in the URL so that it can be shared. Every tab's data is fetched here, in the
  // browser, so switching needs no server render: the history API, which Next.js keeps
  // useSearchParams in step with, switches it at once.
  const choose = (k: TabKey) => window.history.replaceState(null, "", k === "overview" ? pathname : `${pathname}?tab=${k}`);

  if (segment.isPending) return <Spinner label="Loading the segment" />;
  // A segment that does not exist (or no longer does) says so; trying again would not help.
  if (isNotFound(segment.error)) return <SegmentNotFound />;
  if (segment.error) {
    return <PageError title="Segment" message={segment.error.message} onRetry={() => segment.refetch()} />;
  }
  const s = segment.data;
  return (
    <>
      <DetailHeader
        back={{ href: "/catalog/segments", label: "Segments" }}
        title={s.name}
        badges={
          <>
            <code className="text-xs text-slate-800">{s.key}</code>
            <StatusBadge value={s.status} />
            <SensitivityBadge value={s.sensitivity} />
            <span>Version {s.version}</span>
          </>
        }
        actions={
          <>
            <Link href={`/audit?entityType=segment&entityId=${s.id}`} className={secondaryLinkButton}>
              Audit history
            </Link>
            <EvidencePackButton segmentId={s.id} />
            {s.can.edit.allowed && (
              <Link href={`/catalog/segments/${s.id}/edit`} className={linkButton}>
                Edit
              </Link>
            )}
          </>
        }
      />
      {/* Findings sit above the tabs: why a check blocks a segment is the first thing to see. */}
      <div className="mb-6 space-y-4">
        <SegmentReviewActions segmentId={s.id} />
        {s.status !== "retired" && <AlgorithmChangeRequest segmentId={s.id} segmentName={s.name} version={s.version} />}
        <FindingsPanel segmentId={s.id} />
        <GateCard segmentId={s.id} />
        <UsedByPanel segmentId={s.id} />
      </div>
      <Tabs tabs={TABS} active={tab} label="Segment details" onChange={choose}>
        {tab === "overview" && <OverviewTab segment={s} />}
        {tab === "inputs" && <InputsTab segment={s} />}
        {tab === "lineage" && <LineageGraph node={`segment:${s.id}`} initialDirection="upstream" />}
        {tab === "performance" && <PerformanceTab segmentId={s.id} />}
        {tab === "history" && <HistoryTab id={s.id} />}
      </Tabs>
    </>
  );
}
