import { Badge } from "@/components/ui/layout";
import { LABELS, type SegmentStatus, type Sensitivity } from "@/domain/vocab";

const SENSITIVITY_TONES = { public: "slate", internal: "blue", confidential: "amber", restricted: "red" } as const satisfies Record<Sensitivity, string>;
const STATUS_TONES = {
  draft: "slate",
  in_review: "blue",
  approved: "green",
  active: "green",
  paused: "amber",
  retired: "slate",
} as const satisfies Record<SegmentStatus, string>;

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <Badge tone={SENSITIVITY_TONES[value]}>{LABELS.sensitivity[value]}</Badge>;
}

export function StatusBadge({ value }: { value: SegmentStatus }) {
  return <Badge tone={STATUS_TONES[value]}>{LABELS.status[value]}</Badge>;
}
