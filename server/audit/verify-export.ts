/**
 * Checks an NDJSON audit export (or an evidence pack's audit-events.ndjson) without the database,
 * as a recipient would: every event's hash must match its contents, an unfiltered export must link
 * each event to the one before, and the row count and the first and last hashes must match the
 * manifest when one is given. Pure, like canonical.ts: `npm run audit:verify-export` and tests
 * use it.
 */
import { checkEvent, type ChainedEvent } from "./canonical";

export interface ExportManifest {
  row_count: number;
  filters: Record<string, string>;
  first_row: { seq: number; hash: string } | null;
  last_row: { seq: number; hash: string } | null;
}

export interface ExportCheck {
  ok: boolean;
  count: number;
  /** Whether links between consecutive events were checked (an export of everything). */
  contiguous: boolean;
  /** The first 20 problems, in file order. */
  problems: string[];
}

const MAX_PROBLEMS = 20;

export async function verifyExportLines(lines: Iterable<string> | AsyncIterable<string>, manifest?: ExportManifest | null): Promise<ExportCheck> {
  // Only an export of everything is a contiguous stretch of the chain.
  const contiguous = manifest ? Object.keys(manifest.filters).length === 0 : false;
  const problems: string[] = [];
  const problem = (p: string) => void (problems.length < MAX_PROBLEMS && problems.push(p));
  let count = 0;
  let lineNo = 0;
  let first: ChainedEvent | null = null;
  let previous: ChainedEvent | null = null;
  for await (const line of lines) {
    lineNo++;
    if (!line) continue;
    let event: ChainedEvent;
    try {
      event = JSON.parse(line) as ChainedEvent;
    } catch {
      problem(`line ${lineNo} is not JSON`);
      count++;
      continue;
    }
    const check = checkEvent(event, contiguous && previous ? previous : undefined);
    if (!check.ok) problem(check.message);
    first ??= event;
    previous = event;
    count++;
  }
  if (manifest) {
    if (manifest.row_count !== count) problem(`the manifest says ${manifest.row_count} events, the file has ${count}`);
    const ends = (e: ChainedEvent | null) => (e ? { seq: e.seq, hash: e.hash } : null);
    if (JSON.stringify(ends(first)) !== JSON.stringify(manifest.first_row)) problem("the first event is not the manifest's first_row");
    if (JSON.stringify(ends(previous)) !== JSON.stringify(manifest.last_row)) problem("the last event is not the manifest's last_row");
  }
  return { ok: problems.length === 0, count, contiguous, problems };
}
