import { Badge } from "@/components/ui/layout";
import { LABELS, type Sensitivity } from "@/domain/vocab";

const SENSITIVITY_TONES = { public: "slate", internal: "blue", confidential: "amber", restricted: "red" } as const satisfies Record<Sensitivity, string>;

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <Badge tone={SENSITIVITY_TONES[value]}>{LABELS.sensitivity[value]}</Badge>;
}

export function SpecialCategoryBadge() {
  return <Badge tone="red">Special category</Badge>;
}

export function RetiredBadge() {
  return <Badge tone="amber">Retired</Badge>;
}
