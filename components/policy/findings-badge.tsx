import { Badge } from "@/components/ui/layout";

/**
 * A list row's policy state. `blocked` already accounts for exceptions, so a segment whose
 * blocking findings are all waived shows its warnings (or nothing) instead.
 */
export function FindingsBadge({ blocked, blockingCount, warningCount }: { blocked: boolean; blockingCount: number; warningCount: number }) {
  if (blocked) {
    return (
      <span title={`${blockingCount} blocking finding${blockingCount === 1 ? "" : "s"}`}>
        <Badge tone="red">Blocked</Badge>
      </span>
    );
  }
  if (warningCount > 0) return <Badge tone="amber">{`${warningCount} warning${warningCount === 1 ? "" : "s"}`}</Badge>;
  return null;
}
