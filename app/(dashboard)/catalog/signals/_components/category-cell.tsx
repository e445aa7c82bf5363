import type { Sensitivity } from "@/domain/vocab";
import { SensitivityBadge, SpecialCategoryBadge } from "../../_inventory/badges";

export function CategoryCell({ name, categoryKey, sensitivity, special }: { name: string; categoryKey: string; sensitivity: Sensitivity; special: boolean }) {
  return (
    <div className="space-y-1">
      <p>{name}</p>
      <p className="text-xs break-all text-slate-600">{categoryKey}</p>
      <div className="flex flex-wrap gap-1">
        <SensitivityBadge value={sensitivity} />
        {special && <SpecialCategoryBadge />}
      </div>
    </div>
  );
}
