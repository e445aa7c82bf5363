import { Badge } from "@/components/ui/layout";
import { LABELS, type Sensitivity } from "@/domain/vocab";
import { STATUS_LABELS, type ReviewStatus } from "@/domain/review-rules";
import { STATUS_TONES } from "./format";

const SENSITIVITY_TONES = { public: "slate", internal: "blue", confidential: "amber", restricted: "red" } as const satisfies Record<Sensitivity, string>;

export function ReviewStatusBadge({ value }: { value: ReviewStatus }) {
  return <Badge tone={STATUS_TONES[value]}>{STATUS_LABELS[value]}</Badge>;
}

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <Badge tone={SENSITIVITY_TONES[value]}>{LABELS.sensitivity[value]}</Badge>;
}

export function OverdueBadge() {
  return <Badge tone="red">Overdue</Badge>;
}
