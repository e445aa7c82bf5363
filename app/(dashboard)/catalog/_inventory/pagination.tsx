"use client";

import { Button } from "@/components/ui/button";

export function Pagination({
  noun,
  total,
  page,
  pageSize,
  busy,
  onPage,
  position,
}: {
  /** Plural, lower case: "data sources". */
  noun: string;
  total: number;
  page: number;
  pageSize: number;
  busy: boolean;
  onPage: (page: number) => void;
  position: "top" | "bottom";
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label={`Pages of ${noun} (${position})`} className="flex flex-wrap items-center justify-between gap-3">
      {/* One live region is enough; the bottom copy would announce everything twice. */}
      <p className="text-sm text-slate-700" role={position === "top" ? "status" : undefined} data-testid={position === "top" ? "list-count" : undefined}>
        {page > pages ? `No ${noun} on page ${page}; ${total} in all.` : `${first}–${last} of ${total}`}
        {busy && <span className="ml-2 text-slate-600">Updating…</span>}
      </p>
      {(pages > 1 || page > pages) && (
        <div className="flex items-center gap-2">
          <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
            Previous
          </Button>
          <span className="text-sm text-slate-700">
            Page {Math.min(page, pages)} of {pages}
          </span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </div>
      )}
    </nav>
  );
}
