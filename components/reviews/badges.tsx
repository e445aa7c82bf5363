import { Badge } from "@/components/ui/layout";
import { STATUS_LABELS, type ReviewStatus } from "@/domain/review-rules";
import { STATUS_TONES } from "./format";

export { SensitivityBadge } from "@/components/ui/sensitivity-badge";

export function ReviewStatusBadge({ value }: { value: ReviewStatus }) {
  return <Badge tone={STATUS_TONES[value]}>{STATUS_LABELS[value]}</Badge>;
}

export function OverdueBadge() {
  return <Badge tone="red">Overdue</Badge>;
}
