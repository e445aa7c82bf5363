// `npm run audit:verify-export -- FILE.ndjson [--manifest FILE.manifest.json]`: checks an NDJSON
// audit export without the database, as a recipient would: every event's hash must match its
// contents, an unfiltered export must link each event to the one before, and the row count and
// the first and last hashes must match the manifest. Exit 0 when all hold, 1 otherwise.
import fs from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { checkEvent, type ChainedEvent } from "../server/audit/canonical";

const { values: args, positionals } = parseArgs({ options: { manifest: { type: "string" } }, allowPositionals: true });
const file = positionals[0];
if (!file) {
  console.error("usage: npm run audit:verify-export -- FILE.ndjson [--manifest FILE.manifest.json]");
  process.exit(2);
}
const manifest = args.manifest ? (JSON.parse(fs.readFileSync(args.manifest, "utf8")) as {
  row_count: number;
  filters: Record<string, string>;
  first_row: { seq: number; hash: string } | null;
  last_row: { seq: number; hash: string } | null;
}) : null;
// Only an export of everything is a contiguous stretch of the chain.
const contiguous = manifest ? Object.keys(manifest.filters).length === 0 : false;

const problems: string[] = [];
let count = 0;
let first: ChainedEvent | null = null;
let previous: ChainedEvent | null = null;
for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
  if (!line) continue;
  const event = JSON.parse(line) as ChainedEvent;
  const check = checkEvent(event, contiguous && previous ? previous : undefined);
  if (!check.ok && problems.length < 20) problems.push(check.message);
  first ??= event;
  previous = event;
  count++;
}
if (manifest) {
  if (manifest.row_count !== count) problems.push(`the manifest says ${manifest.row_count} events, the file has ${count}`);
  const ends = (e: ChainedEvent | null) => (e ? { seq: e.seq, hash: e.hash } : null);
  if (JSON.stringify(ends(first)) !== JSON.stringify(manifest.first_row)) problems.push("the first event is not the manifest's first_row");
  if (JSON.stringify(ends(previous)) !== JSON.stringify(manifest.last_row)) problems.push("the last event is not the manifest's last_row");
}
console.log(`${count.toLocaleString("en")} events checked${contiguous ? ", linked one to the next" : ""}${manifest ? ", against the manifest" : ""}.`);
for (const p of problems) console.log(`PROBLEM: ${p}`);
console.log(problems.length ? "The export does NOT verify." : "Every event matches its hash.");
process.exitCode = problems.length ? 1 : 0;
