"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { formatNumber } from "@/components/ui/format";
import { formatDate, formatDateTime } from "@/domain/dates";
import { Card, TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import type { AppRouter } from "@/server/trpc/root";
import { toListInput, type AuditFilters } from "../filters";
import { downloadExport, type DownloadProgress } from "./download";

type AuditExport = inferRouterOutputs<AppRouter>["audit"]["exports"]["list"][number];
type Format = "csv" | "ndjson";

/** Creates an export of the events matching the filters, then downloads it with progress. */
export function ExportPanel({ filters }: { filters: AuditFilters }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [format, setFormat] = useState<Format>("csv");
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [current, setCurrent] = useState<AuditExport | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async (e: AuditExport) => {
    abort.current?.abort();
    abort.current = new AbortController();
    setCurrent(e);
    setDone(null);
    setDownloadError(null);
    setProgress({ rows: 0, bytes: 0 });
    try {
      const r = await downloadExport(e, setProgress, abort.current.signal);
      setDone(`Downloaded ${r.filename}: ${formatNumber(r.rows)} ${r.rows === 1 ? "event" : "events"}, ${formatBytes(r.bytes)}.`);
    } catch (err) {
      if ((err as Error).name !== "AbortError") setDownloadError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const create = useMutation(
    trpc.audit.exports.create.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.audit.exports.list.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.audit.list.queryKey() });
      },
    }),
  );
  const errors = formErrors(create.error);
  const busy = create.isPending || progress !== null;

  return (
    <Card title="Export these events">
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          Exports every event that matches the filters above, oldest first, with each event&rsquo;s chain hashes. Creating an export is recorded in the audit trail; each export has a
          manifest (row count, time range, filters, first and last hashes).
        </p>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(ev) => {
            ev.preventDefault();
            // The download starts from the submit's own callback: it uses the abort ref, which the
            // mutation's options (built while rendering) must not touch.
            create.mutate({ format, filters: toListInput(filters) }, { onSuccess: (e) => void start(e) });
          }}
        >
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">Format</legend>
            <div className="flex gap-4 pt-1">
              {(["csv", "ndjson"] as const).map((f) => (
                <label key={f} className="inline-flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} className="size-4 accent-brand-700" />
                  {f === "csv" ? "CSV (spreadsheets)" : "NDJSON (to verify hashes)"}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" pending={busy}>
            Create and download
          </Button>
        </form>
        {errors.form && (
          <p className="text-sm text-red-700" data-testid="form-error">
            {errors.form}
          </p>
        )}
        {Object.values(errors.fields)[0] && (
          <p className="text-sm text-red-700" data-testid="form-error">
            {Object.values(errors.fields)[0]}
          </p>
        )}
        {current && progress && <ProgressLine progress={progress} total={current.rowCount} />}
        {/* Announced when the download completes or fails. */}
        <div role="status" aria-live="polite" className="text-sm">
          {done && (
            <p className="text-green-800" data-testid="export-done">
              {done}
            </p>
          )}
        </div>
        {downloadError && <ErrorState message={downloadError} onRetry={current ? () => void start(current) : undefined} />}
        <RecentExports onDownload={(e) => void start(e)} busy={busy} />
      </div>
    </Card>
  );
}

function ProgressLine({ progress, total }: { progress: DownloadProgress; total: number }) {
  const pct = total > 0 ? Math.floor((progress.rows / total) * 100) : 100;
  return (
    <div className="space-y-1" data-testid="export-progress">
      <progress className="h-2 w-full accent-brand-700" max={100} value={pct} aria-label="Download progress" />
      <p className="text-sm text-slate-700">
        Downloading… {formatNumber(progress.rows)} of {formatNumber(total)} events ({pct}%), {formatBytes(progress.bytes)}
      </p>
    </div>
  );
}

function RecentExports({ onDownload, busy }: { onDownload: (e: AuditExport) => void; busy: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.audit.exports.list.queryOptions({ limit: 5 }));
  if (list.isPending) return <Spinner label="Loading recent exports" />;
  if (list.error) return <ErrorState message={list.error.message} onRetry={() => list.refetch()} />;
  if (list.data.length === 0) return <EmptyState title="No exports yet" />;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">Recent exports</h3>
      <TableWrap label="Recent exports">
        <TableHead columns={["Created", "By", "Format", "Events", "Filters", { label: "Files", srOnly: true }]} />
        <tbody className="divide-y divide-slate-100">
          {list.data.map((e) => (
            <tr key={e.id} data-testid={`export-row-${e.id}`}>
              <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.createdAt)}</td>
              <td className={`${td} min-w-44 break-all`}>{e.createdByLabel}</td>
              <td className={td}>{e.format.toUpperCase()}</td>
              <td className={`${td} whitespace-nowrap`}>{formatNumber(e.rowCount)}</td>
              <td className={`${td} min-w-40 text-xs`}>{describeFilters(e.filters)}</td>
              <td className={`${td} whitespace-nowrap`}>
                <div className="flex flex-col items-start gap-1">
                  <Button
                    variant="ghost"
                    className="!px-0 !py-0 underline"
                    disabled={busy}
                    onClick={() => onDownload(e)}
                    aria-label={`Download export of ${formatDateTime(e.createdAt)} with progress`}
                  >
                    Download
                  </Button>
                  <a className="text-sm text-brand-700 underline" href={`/api/audit/exports/${e.id}`} download aria-label={`Direct link to the export of ${formatDateTime(e.createdAt)}`}>
                    Direct link
                  </a>
                  <a className="text-sm text-brand-700 underline" href={`/api/audit/exports/${e.id}/manifest`} download aria-label={`Manifest of export of ${formatDateTime(e.createdAt)}`}>
                    Manifest
                  </a>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </div>
  );
}

function describeFilters(f: Record<string, string>): string {
  const parts = Object.entries(f).map(([k, v]) => `${k}: ${k === "from" || k === "to" ? formatDate(v) : v}`);
  return parts.length ? parts.join("; ") : "All events";
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
