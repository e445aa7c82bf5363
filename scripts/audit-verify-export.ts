// `npm run audit:verify-export -- FILE.ndjson [--manifest FILE.manifest.json]`: checks an NDJSON
// audit export, or an evidence pack's audit-events.ndjson, without the database (see
// server/audit/verify-export.ts). Exit 0 when every check holds, 1 otherwise, 2 a usage error.
import fs from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { verifyExportLines, type ExportManifest } from "../server/audit/verify-export";

const { values: args, positionals } = parseArgs({ options: { manifest: { type: "string" } }, allowPositionals: true });
const file = positionals[0];
if (!file) {
  console.error("usage: npm run audit:verify-export -- FILE.ndjson [--manifest FILE.manifest.json]");
  process.exit(2);
}
const manifest = args.manifest ? (JSON.parse(fs.readFileSync(args.manifest, "utf8")) as ExportManifest) : null;
const result = await verifyExportLines(readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity }), manifest);
console.log(`${result.count.toLocaleString("en")} events checked${result.contiguous ? ", linked one to the next" : ""}${manifest ? ", against the manifest" : ""}.`);
for (const p of result.problems) console.log(`PROBLEM: ${p}`);
console.log(result.ok ? "Every event matches its hash." : "The export does NOT verify.");
process.exitCode = result.ok ? 0 : 1;
