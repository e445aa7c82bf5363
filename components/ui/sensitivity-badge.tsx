import { Badge } from "@/components/ui/layout";
import { LABELS, type Sensitivity } from "@/domain/vocab";

const SENSITIVITY_TONES = { public: "slate", internal: "blue", confidential: "amber", restricted: "red" } as const satisfies Record<Sensitivity, string>;

/** A sensitivity tier in words, tinted by how careful it asks one to be. The one badge for it everywhere. */
export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <Badge tone={SENSITIVITY_TONES[value]}>{LABELS.sensitivity[value]}</Badge>;
}
