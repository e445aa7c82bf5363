import { Badge } from "@/components/ui/layout";
import { LABELS, type SegmentStatus } from "@/domain/vocab";

export { SensitivityBadge } from "@/components/ui/sensitivity-badge";

const STATUS_TONES = {
  draft: "slate",
  in_review: "blue",
  approved: "green",
  active: "green",
  paused: "amber",
  retired: "slate",
} as const satisfies Record<SegmentStatus, string>;

export function StatusBadge({ value }: { value: SegmentStatus }) {
  return <Badge tone={STATUS_TONES[value]}>{LABELS.status[value]}</Badge>;
}
