"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { SelectField } from "@/components/ui/field";
import { Card, TableWrap, td, th } from "@/components/ui/layout";
import { useTRPC } from "@/components/trpc/provider";
import { formatDate } from "@/domain/dates";
import { CSV_FIELDS, MAX_CSV_CHARS, type MetricCsvKind } from "@/domain/metrics-csv";
import type { AppRouter } from "@/server/trpc/root";

type Preview = inferRouterOutputs<AppRouter>["consentMetrics"]["previewCsv"];

/** Upload a CSV file of outcome or consent aggregates: every row is checked and shown before anything is stored. */
export function CsvUpload() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<MetricCsvKind>("consent");
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const preview = useMutation(trpc.consentMetrics.previewCsv.mutationOptions());
  const qc = useQueryClient();
  const commit = useMutation(
    trpc.consentMetrics.commitCsv.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.consentMetrics.purposes.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.consentMetrics.report.queryKey() });
      },
    }),
  );

  const choose = async (f: File | undefined) => {
    preview.reset();
    commit.reset();
    setFile(null);
    setReadError(null);
    if (!f) return;
    if (f.size > MAX_CSV_CHARS)
      return setReadError(`The file is ${Math.round(f.size / 1000).toLocaleString("en")} kB; upload at most ${MAX_CSV_CHARS / 1000} kB at a time, or send it through the API.`);
    const text = await f.text();
    setFile({ name: f.name, text });
    preview.mutate({ kind, csv: text });
  };
  const errors = formErrors(preview.error ?? commit.error);

  return (
    <Card title="Upload figures (CSV)">
      <div className="grid gap-3 sm:grid-cols-2 lg:max-w-2xl">
        <SelectField
          label="Kind of figures"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as MetricCsvKind);
            setFile(null);
            preview.reset();
            commit.reset();
          }}
        >
          <option value="consent">Consent per purpose</option>
          <option value="outcomes">Outcomes per segment</option>
        </SelectField>
        <div className="space-y-1">
          <label htmlFor="csv-file" className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="csv-hint"
            className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
      </div>
      <p id="csv-hint" className="mt-2 text-xs break-words text-slate-600">
        First line: the column names, from {CSV_FIELDS[kind].join(", ")}. The same rules as the API apply; nothing is stored until you confirm, and then only if every row is right.
      </p>
      {readError && <p className="mt-2 text-sm text-red-700">{readError}</p>}
      {preview.isPending && <p className="mt-2 text-sm text-slate-600">Checking {file?.name}…</p>}
      {(errors.form || errors.fields.csv) && (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {errors.fields.csv ?? errors.form}
        </p>
      )}
      {preview.data && !commit.isSuccess && (
        <PreviewTable
          preview={preview.data}
          pending={commit.isPending}
          onCommit={() => file && commit.mutate({ kind: preview.data.kind, csv: file.text })}
          onCancel={() => {
            setFile(null);
            preview.reset();
          }}
        />
      )}
      {commit.isSuccess && (
        <p role="status" className="mt-3 text-sm text-green-800">
          Stored {commit.data.accepted.toLocaleString("en")} rows ({commit.data.replaced.toLocaleString("en")} replaced earlier ones) from {formatDate(commit.data.from)} to{" "}
          {formatDate(commit.data.to)}.
        </p>
      )}
    </Card>
  );
}

function PreviewTable({ preview, pending, onCommit, onCancel }: { preview: Preview; pending: boolean; onCommit: () => void; onCancel: () => void }) {
  const ok = preview.invalid === 0;
  return (
    <div className="mt-4 space-y-3" data-testid="csv-preview">
      <p role="status" className={`text-sm ${ok ? "text-green-800" : "text-red-700"}`}>
        {preview.total.toLocaleString("en")} rows
        {preview.from && preview.to ? `, ${formatDate(preview.from)} to ${formatDate(preview.to)}` : ""}:{" "}
        {ok ? "every row is right." : `${preview.invalid.toLocaleString("en")} with problems. Fix them in the file and choose it again; nothing is stored until every row is right.`}
        {preview.rows.length < preview.total ? ` Showing ${preview.rows.length} of them.` : ""}
      </p>
      <TableWrap label="Rows of the file">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className={th}>
                Line
              </th>
              {preview.fields.map((f) => (
                <th key={f} scope="col" className={th}>
                  {f}
                </th>
              ))}
              <th scope="col" className={th}>
                Problems
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line} className={`border-t border-slate-100 ${r.errors.length ? "bg-red-50" : ""}`}>
                <th scope="row" className={`${td} font-normal`}>
                  {r.line}
                </th>
                {preview.fields.map((f) => (
                  <td key={f} className={`${td} whitespace-nowrap`}>
                    {r.cells[f] ?? ""}
                  </td>
                ))}
                <td className={`${td} min-w-48 ${r.errors.length ? "text-red-800" : "text-green-800"}`}>{r.errors.length ? r.errors.join("; ") : "OK"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="flex gap-2">
        <Button onClick={onCommit} disabled={!ok} pending={pending}>
          Store {preview.total.toLocaleString("en")} rows
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
