"use client";

import { Button } from "@/components/ui/button";

/**
 * "1–25 of 80" and Previous/Next; also offers a way back from a page past the end (an old link).
 * A list counts up to 10,000 matches: beyond, it says "of 10,000+" and pages on without a last page.
 */
export function Pagination({
  noun,
  result: { total, totalCapped, page, pageSize },
  busy,
  onPage,
  position,
  countTestId = "list-count",
}: {
  /** Plural, lower case: "data sources". */
  noun: string;
  /** What the list query returned about its page. */
  result: { total: number; totalCapped?: boolean; page: number; pageSize: number };
  busy: boolean;
  onPage: (page: number) => void;
  position: "top" | "bottom";
  /** The top copy's count, for tests. */
  countTestId?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = totalCapped ? (page - 1) * pageSize + 1 : Math.min(total, (page - 1) * pageSize + 1);
  const last = totalCapped ? page * pageSize : Math.min(total, page * pageSize);
  const all = totalCapped ? `${total.toLocaleString("en-US")}+` : `${total}`;
  const past = !totalCapped && page > pages;
  return (
    <nav aria-label={`Pages of ${noun} (${position})`} className="flex flex-wrap items-center justify-between gap-3">
      {/* One live region is enough; the bottom copy would announce everything twice. */}
      <p className="text-sm text-slate-700" role={position === "top" ? "status" : undefined} data-testid={position === "top" ? countTestId : undefined}>
        {past ? `No ${noun} on page ${page}; ${total} in all.` : `${first}–${last} of ${all}`}
        {busy && <span className="ml-2 text-slate-600">Updating…</span>}
      </p>
      {(pages > 1 || past || totalCapped) && (
        <div className="flex items-center gap-2">
          <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
            Previous
          </Button>
          <span className="text-sm text-slate-700">{totalCapped ? `Page ${page}` : `Page ${Math.min(page, pages)} of ${pages}`}</span>
          <Button variant="secondary" disabled={!totalCapped && page >= pages} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </div>
      )}
    </nav>
  );
}
