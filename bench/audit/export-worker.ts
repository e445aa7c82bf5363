// Streams the whole trail as CSV and as NDJSON through Steward's export path (the byte stream
// the download route returns), discarding the bytes, and prints rows, bytes, time and this
// process's peak RSS as JSON (one line).
import { openPostgres } from "../../server/db/client";
import { exportBytes, toByteStream } from "../../server/modules/audit/export-stream";
import { chainHead } from "../../server/modules/audit/chain";

const opened = await openPostgres(process.argv[2]!, { migrate: false, max: 2 });
const upToSeq = (await chainHead(opened.db))?.seq ?? 0;
const out = [];
for (const format of ["csv", "ndjson"] as const) {
  const t = performance.now();
  let bytes = 0;
  const reader = toByteStream(exportBytes(opened.db, { filters: {}, upToSeq }, format)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const ms = performance.now() - t;
  out.push({ format, rows: upToSeq, bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}
await opened.close();
console.log(JSON.stringify(out));
