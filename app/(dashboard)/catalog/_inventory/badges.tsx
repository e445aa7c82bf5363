import { Badge } from "@/components/ui/layout";

export { SensitivityBadge } from "@/components/ui/sensitivity-badge";

export function SpecialCategoryBadge() {
  return <Badge tone="red">Special category</Badge>;
}

export function RetiredBadge() {
  return <Badge tone="amber">Retired</Badge>;
}
