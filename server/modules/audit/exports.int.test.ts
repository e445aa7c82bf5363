import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { checkEvent, type ChainedEvent } from "@/server/audit/canonical";
import type { SessionUser } from "@/server/auth/identity";
import { describeEachDb } from "@/server/testing/db";
import { callerFor, makeUser } from "@/server/testing/fixtures";
import { csvRow } from "@/domain/csv";
import { exportDownload, manifestDownload } from "./download";
import { exportBytes, exportPages, EXPORT_COLUMNS } from "./export-stream";
import { parseStoredFilters } from "./exports";
import { pgLiteral } from "./queries";
import { inTransaction } from "@/server/db/transaction";

const ROWS = 100_000;

/** 100k events in one statement; the chain trigger hashes each. Labels and reasons are hostile. */
async function seedEvents(db: Parameters<typeof callerFor>[0]) {
  await db.execute(sql`
    INSERT INTO audit_events (actor_label, action, entity_type, entity_id, before, after, reason, occurred_at)
    SELECT CASE WHEN i % 7 = 0 THEN '=HYPERLINK("http://x.test")' ELSE 'bulk' || (i % 50) || '@example.test' END,
           CASE WHEN i % 10 = 0 THEN 'user.created' ELSE 'user.updated' END,
           'user', 'u-' || i,
           jsonb_build_object('n', i, 'tags', jsonb_build_array('a', 'b')),
           jsonb_build_object('n', i + 1, 'note', 'line one' || chr(10) || 'say "hi", ok'),
           CASE WHEN i % 3 = 0 THEN '-1, "quoted"' || chr(13) || chr(10) || 'second line' END,
           timestamptz '2026-01-01T00:00:00Z' + (i || ' seconds')::interval
    FROM generate_series(1, ${ROWS}) AS i`);
}

async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts).toString("utf8");
}

describeEachDb("audit exports", (getDb, kind) => {
  let auditor: SessionUser;
  beforeAll(async () => {
    auditor = await makeUser(getDb(), ["auditor"]);
    await seedEvents(getDb());
  }, 300_000);

  it(`streams all ${ROWS.toLocaleString("en")}+ events as NDJSON that a recipient can re-hash and chain`, async () => {
    const created = await callerFor(getDb(), auditor).audit.exports.create({ format: "ndjson" });
    expect(created.rowCount).toBeGreaterThanOrEqual(ROWS);

    // The export is audited, in the same transaction: the event right after the export's head.
    const [audited] = rowsOf<{ seq: string | number; action: string; actor_label: string }>(
      await getDb().execute(sql`SELECT seq, action, actor_label FROM audit_events WHERE entity_id = ${created.id}`),
    );
    expect(audited).toMatchObject({ action: "audit.exported", actor_label: auditor.email });
    expect(Number(audited!.seq)).toBe(created.upToSeq + 1);

    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let previous: ChainedEvent | null = null;
    let first: ChainedEvent | null = null;
    for await (const line of lines((await exportDownload(getDb(), created.id)).body!)) {
      const event = JSON.parse(line) as ChainedEvent;
      const check = checkEvent(event, previous);
      if (!check.ok) throw new Error(check.message);
      first ??= event;
      previous = event;
      if (++count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
    }
    expect(count).toBe(created.rowCount);
    expect({ seq: first!.seq, hash: first!.hash }).toEqual({ seq: created.firstSeq, hash: created.firstHash });
    expect({ seq: previous!.seq, hash: previous!.hash }).toEqual({ seq: created.lastSeq, hash: created.lastHash });
    // Constant memory: the whole export would be well over 100 MB of strings.
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 300_000);

  it("streams a filtered CSV that parses back, with formulas neutralised, matching its manifest", async () => {
    const filters = { action: "user.created", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") };
    const created = await callerFor(getDb(), auditor).audit.exports.create({ format: "csv", filters });
    expect(parseStoredFilters(created)).toEqual(filters);
    expect(created.rowCount).toBe(8640); // one event in ten, for the 86,400 seconds of that day

    const res = await exportDownload(getDb(), created.id);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const records = Readable.fromWeb(res.body! as never).pipe(parse({ record_delimiter: "\r\n" }));
    let header: string[] | null = null;
    let count = 0;
    let last: string[] = [];
    for await (const record of records as AsyncIterable<string[]>) {
      if (!header) {
        header = record;
        continue;
      }
      count++;
      last = record;
      for (const cell of record) expect(/^[=+\-@\t\r]/.test(cell), cell).toBe(false);
      expect(record[5]).toBe("user.created");
    }
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(count).toBe(created.rowCount);
    expect(last[EXPORT_COLUMNS.indexOf("hash")]).toBe(created.lastHash);

    const manifest = await (await manifestDownload(getDb(), created.id)).json();
    expect(manifest).toMatchObject({
      row_count: 8640,
      filters: { action: "user.created", from: "2026-01-01T00:00:00.000Z", to: "2026-01-02T00:00:00.000Z" },
      time_range: { from: "2026-01-01T00:00:10.000000Z", to: "2026-01-02T00:00:00.000000Z" },
      last_row: { seq: created.lastSeq, hash: created.lastHash },
      chain_head_at_export: { seq: created.upToSeq },
    });
  }, 120_000);

  it("reads in chunks and includes nothing written after the export was created", async () => {
    const created = await callerFor(getDb(), auditor).audit.exports.create({ format: "csv", filters: { action: "audit.exported" } });
    await callerFor(getDb(), auditor).audit.exports.create({ format: "csv", filters: { action: "audit.exported" } });
    let total = 0;
    for await (const rows of exportPages(getDb(), { filters: { action: "audit.exported" }, upToSeq: created.upToSeq }, "text", 1)) {
      expect(rows.length).toBeLessThanOrEqual(1);
      total += rows.length;
    }
    expect(total).toBe(created.rowCount);
  });

  it("refuses bad input and unknown exports", async () => {
    const caller = callerFor(getDb(), auditor);
    await expect(caller.audit.exports.create({ format: "xlsx" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.audit.exports.create({ format: "csv", filters: { from: new Date("2026-02-01"), to: new Date("2026-01-01") } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await exportDownload(getDb(), "00000000-0000-4000-8000-000000000000").catch((e: unknown) => e)) as object).toMatchObject({ code: "NOT_FOUND" });
  });

  it("writes the same bytes from COPY (PostgreSQL) as from the paged reference encoder, for hostile values", async () => {
    const json = JSON.stringify({ a: "=x", b: [1.5, -2], c: 'line\nbreak "q" \\ é' });
    await getDb().execute(sql`
      INSERT INTO audit_events (actor_label, action, entity_type, entity_id, before, after, reason, ip, user_agent)
      VALUES (${"-2+3"}, 'hostile.test', ${"=cmd"}, '', '-1'::jsonb, ${json}::jsonb, ${"\tleading tab"}, ${"@ip"}, ${"\rcr"}),
             (${'a,b "c"\r\nd'}, 'hostile.test', 'x', NULL, NULL, '{"d": 2.50}'::jsonb, '', NULL, ${"é 😀 \\ back"})`);
    const sel = { filters: { action: "hostile.test" }, upToSeq: Number.MAX_SAFE_INTEGER };
    let reference = csvRow(EXPORT_COLUMNS);
    for await (const rows of exportPages(getDb(), sel, "text")) for (const r of rows) reference += csvRow(EXPORT_COLUMNS.map((c) => r[c]));
    const csv = await bytesOf(exportBytes(getDb(), sel, "csv"));
    expect(csv).toBe(reference);
    const [, first] = (await import("csv-parse/sync")).parse(csv, { record_delimiter: "\r\n" }) as string[][];
    expect(first!.slice(4, 9)).toEqual(["'-2+3", "hostile.test", "'=cmd", "", "'-1"]);

    let lines = "";
    for await (const rows of exportPages(getDb(), sel, "ndjson")) for (const r of rows) lines += `${r.line}\n`;
    const ndjson = await bytesOf(exportBytes(getDb(), sel, "ndjson"));
    expect(ndjson).toBe(lines);
    const checks = ndjson
      .trim()
      .split("\n")
      .map((line) => checkEvent(JSON.parse(line) as ChainedEvent));
    expect(checks[0], kind).toEqual({ ok: true });
    // JSON.parse turns 2.50 into 2.5, so JavaScript cannot recompute jsonb's "2.50" (Python's
    // Decimal can; see the README). Steward writes JSON from JavaScript, so its own events never
    // hold such numbers; this row was written in SQL.
    expect(checks[1]).toMatchObject({ ok: false, problem: "contents" });
  });

  it("quotes any string as a literal that PostgreSQL reads back unchanged (COPY takes no parameters)", async () => {
    const text = fc.string({ unit: fc.constantFrom("'", "\\", "a", "%", "_", '"', "$", "é", "\n", ";", "-"), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const [row] = rowsOf<{ v: string }>(await getDb().execute(sql.raw(`SELECT ${pgLiteral(s)}::text AS v`)));
        expect(row!.v).toBe(s);
      }),
      { numRuns: 200 },
    );
    await inTransaction(getDb(), async (tx) => {
      await tx.execute(sql`SET LOCAL standard_conforming_strings = off`);
      const [row] = rowsOf<{ v: string }>(await tx.execute(sql.raw(`SELECT ${pgLiteral("a\\'b")}::text AS v`)));
      expect(row!.v).toBe("a\\'b");
    });
  });

  it("frees the database connection when a download is abandoned half way", async () => {
    const created = await callerFor(getDb(), auditor).audit.exports.create({ format: "csv" });
    const reader = (await exportDownload(getDb(), created.id)).body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    const answer = await Promise.race([getDb().execute(sql`SELECT 1 AS one`), new Promise((resolve) => setTimeout(() => resolve("stuck"), 10_000))]);
    expect(answer).not.toBe("stuck");
  }, 30_000);
});
