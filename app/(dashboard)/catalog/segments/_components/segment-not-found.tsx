import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

export function SegmentNotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Segment not found</h1>
      <EmptyState title="There is no segment at this address">
        <Link href="/catalog/segments" className="font-medium text-brand-700 underline">
          Back to all segments
        </Link>
      </EmptyState>
    </div>
  );
}
