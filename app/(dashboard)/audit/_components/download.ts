/** Counts line feeds in a chunk: progress for NDJSON lines and CSV records alike. */
function countLineFeeds(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

export interface DownloadProgress {
  rows: number;
  bytes: number;
}

/**
 * Fetches an export as a stream, reporting rows as they arrive, then hands the file to the
 * browser. The server streams in constant memory; the page keeps the chunks until the end, so
 * for very large exports the direct link (the browser's own download) is offered as well.
 */
export async function downloadExport(
  opts: { id: string; format: string; rowCount: number },
  onProgress: (p: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<{ filename: string; rows: number; bytes: number }> {
  const res = await fetch(`/api/audit/exports/${opts.id}`, { signal, credentials: "same-origin" });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The download failed (HTTP ${res.status}).`);
  }
  const reader = res.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let lines = 0;
  let bytes = 0;
  const header = opts.format === "csv" ? 1 : 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    bytes += value.byteLength;
    lines += countLineFeeds(value);
    // A CSV value may hold line breaks itself, so the count is capped at the known total.
    onProgress({ rows: Math.min(Math.max(lines - header, 0), opts.rowCount), bytes });
  }
  const filename = `steward-audit-${opts.id}.${opts.format}`;
  const url = URL.createObjectURL(new Blob(parts, { type: res.headers.get("content-type") ?? "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { filename, rows: opts.rowCount, bytes };
}
