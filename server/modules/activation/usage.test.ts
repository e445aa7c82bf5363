import { describe, expect, it } from "vitest";
import { shutdown } from "@/server/runtime/shutdown";
import type { Db } from "@/server/db/client";
import { createDecisionRecorder, installDecisionRecorder, recorderFor } from "./usage";
import { recordDecisions, type DecisionRecord } from "./usage-hook";
import { mergeDecisions, type DenialRow, type UsageDelta } from "./usage/merge";

const rec = (over: Partial<Omit<DecisionRecord, "at">> & { at: string }): DecisionRecord => ({
  tokenId: "t1",
  segmentId: "s1",
  segmentKey: "k",
  channel: "email",
  allowed: true,
  reasons: [],
  ...over,
  at: new Date(over.at),
});

/** A write that keeps what it was given. */
function sink() {
  const writes: Array<{ deltas: UsageDelta[]; denials: DenialRow[] }> = [];
  return { writes, write: async (deltas: UsageDelta[], denials: DenialRow[]) => void writes.push({ deltas, denials }) };
}

describe("merging decisions", () => {
  it("adds up one row per segment, token, channel and UTC day, with the first and last time asked", () => {
    const { deltas, denials } = mergeDecisions([
      rec({ at: "2026-12-01T10:00:00Z" }),
      rec({ at: "2026-12-01T09:00:00Z", allowed: false, reasons: [{ code: "paused", message: "Paused." }] }),
      rec({ at: "2026-12-01T11:00:00Z", channel: "sms" }),
      rec({ at: "2026-12-01T12:00:00Z", tokenId: "t2" }),
      rec({ at: "2026-12-01T23:59:59.999Z" }),
      rec({ at: "2026-12-02T00:00:00.000Z" }), // the next UTC day, whatever the server's time zone
      rec({ at: "2026-12-01T13:00:00Z", segmentId: null }), // an unknown segment is no segment's usage
    ]);
    expect(deltas.map((d) => [d.segmentId, d.tokenId, d.channel, d.day, d.allowed, d.denied, d.firstAskedAt.toISOString(), d.lastAskedAt.toISOString()])).toEqual([
      ["s1", "t1", "email", "2026-12-01", 2, 1, "2026-12-01T09:00:00.000Z", "2026-12-01T23:59:59.999Z"],
      ["s1", "t1", "email", "2026-12-02", 1, 0, "2026-12-02T00:00:00.000Z", "2026-12-02T00:00:00.000Z"],
      ["s1", "t1", "sms", "2026-12-01", 1, 0, "2026-12-01T11:00:00.000Z", "2026-12-01T11:00:00.000Z"],
      ["s1", "t2", "email", "2026-12-01", 1, 0, "2026-12-01T12:00:00.000Z", "2026-12-01T12:00:00.000Z"],
    ]);
    expect(denials).toEqual([
      { at: new Date("2026-12-01T09:00:00Z"), lastAt: null, count: 1, segmentId: "s1", tokenId: "t1", channel: "email", reasons: [{ code: "paused", message: "Paused." }] },
    ]);
  });

  it("folds identical denials into one log row with their count, first and last time; different reasons, channels or tools stay apart", () => {
    const paused = [{ code: "paused", message: "Paused." }];
    const overdue = [{ code: "recertification_overdue", message: "Re-certification overdue." }];
    const { deltas, denials } = mergeDecisions([
      rec({ at: "2026-12-01T09:00:00.500Z", allowed: false, reasons: paused }),
      rec({ at: "2026-12-01T09:00:00.100Z", allowed: false, reasons: paused }), // earlier, recorded later
      rec({ at: "2026-12-01T09:00:00.900Z", allowed: false, reasons: paused }),
      rec({ at: "2026-12-01T09:00:00.200Z", allowed: false, reasons: overdue }),
      rec({ at: "2026-12-01T09:00:00.300Z", allowed: false, reasons: paused, channel: "sms" }),
      rec({ at: "2026-12-01T09:00:00.400Z", allowed: false, reasons: paused, tokenId: "t2" }),
    ]);
    expect(denials.map((d) => [d.tokenId, d.channel, d.reasons[0]!.code, d.count, d.at.toISOString(), d.lastAt?.toISOString() ?? null])).toEqual([
      ["t1", "email", "paused", 3, "2026-12-01T09:00:00.100Z", "2026-12-01T09:00:00.900Z"],
      ["t1", "email", "recertification_overdue", 1, "2026-12-01T09:00:00.200Z", null],
      ["t1", "sms", "paused", 1, "2026-12-01T09:00:00.300Z", null],
      ["t2", "email", "paused", 1, "2026-12-01T09:00:00.400Z", null],
    ]);
    // The counts still count every denial.
    expect(deltas.reduce((n, d) => n + d.denied, 0)).toBe(6);
  });

  it("keeps a caller's many different denials of one segment and channel apart, and folds each one's repeats", () => {
    // A message names the purpose asked, which the caller chooses: past the first few per key
    // they are found by a key string, not compared one by one.
    const purpose = (n: number) => [{ code: "purpose_not_declared", message: `Purpose "p${n}" is not declared.` }];
    const asks = Array.from({ length: 40 }, (_, i) => rec({ at: `2026-12-01T09:00:${String(i).padStart(2, "0")}Z`, allowed: false, reasons: purpose(i % 20) }));
    const { deltas, denials } = mergeDecisions(asks);
    expect(denials.map((d) => [d.reasons[0]!.message, d.count, d.lastAt?.toISOString()])).toEqual(
      Array.from({ length: 20 }, (_, n) => [`Purpose "p${n}" is not declared.`, 2, `2026-12-01T09:00:${String(n + 20).padStart(2, "0")}.000Z`]),
    );
    expect(deltas).toHaveLength(1);
    expect(deltas[0]!.denied).toBe(40);
  });

  it("sorts the rows by key, so that two processes' upserts lock rows in one order", () => {
    const { deltas } = mergeDecisions([
      rec({ at: "2026-12-01T10:00:00Z", segmentId: "s9" }),
      rec({ at: "2026-12-01T10:00:00Z", segmentId: "s1", channel: "web" }),
      rec({ at: "2026-12-01T10:00:00Z", segmentId: "s1", channel: "email" }),
    ]);
    expect(deltas.map((d) => `${d.segmentId}/${d.channel}`)).toEqual(["s1/email", "s1/web", "s9/email"]);
  });
});

describe("the decision recorder", () => {
  it("writes nothing on the request path: decisions wait in memory until a flush writes them in one batch", async () => {
    const out = sink();
    const recorder = createDecisionRecorder({ write: out.write });
    recorder.record([rec({ at: "2026-12-01T10:00:00Z" }), rec({ at: "2026-12-01T10:00:01Z" })]);
    expect(out.writes).toEqual([]);
    expect(recorder.pending()).toBe(2);
    await recorder.flush();
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]!.deltas[0]).toMatchObject({ allowed: 2 });
    await recorder.flush(); // nothing waiting: no empty write
    expect(out.writes).toHaveLength(1);
  });

  it("starts a flush by itself once a batch is full, after the caller has returned", async () => {
    const out = sink();
    const recorder = createDecisionRecorder({ write: out.write, batchSize: 3 });
    recorder.record([rec({ at: "2026-12-01T10:00:00Z" }), rec({ at: "2026-12-01T10:00:01Z" }), rec({ at: "2026-12-01T10:00:02Z" })]);
    expect(out.writes).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    await recorder.flush();
    expect(out.writes.map((w) => w.deltas[0]!.allowed)).toEqual([3]);
  });

  it("holds at most `capacity` decisions, dropping the oldest with a warning instead of growing", async () => {
    const out = sink();
    const warnings: Array<Record<string, unknown>> = [];
    const recorder = createDecisionRecorder({ write: out.write, capacity: 3, warn: (fields) => void warnings.push(fields) });
    recorder.record([1, 2, 3, 4, 5].map((s) => rec({ at: `2026-12-01T10:00:0${s}Z`, channel: `c${s}` })));
    expect(recorder.pending()).toBe(3);
    expect(recorder.dropped()).toBe(2);
    expect(warnings).toEqual([{ dropped: 2, capacity: 3 }]);
    recorder.record([rec({ at: "2026-12-01T10:00:06Z", channel: "c6" })]);
    expect(warnings).toHaveLength(1); // at most one warning every ten seconds
    await recorder.flush();
    expect(out.writes[0]!.deltas.map((d) => d.channel)).toEqual(["c4", "c5", "c6"]);
  });

  it("drops a tenth of a big buffer at once when it overflows, oldest first", () => {
    const recorder = createDecisionRecorder({ write: async () => {}, capacity: 100, warn: () => {} });
    recorder.record(Array.from({ length: 101 }, (_, i) => rec({ at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString() })));
    expect(recorder.dropped()).toBe(10);
    expect(recorder.pending()).toBe(91);
  });

  it("keeps the decisions for the next flush when the database connection was lost, and drops them on any other error", async () => {
    let fail: Error | null = Object.assign(new Error("gone"), { code: "ECONNRESET" });
    const writes: UsageDelta[][] = [];
    const recorder = createDecisionRecorder({
      write: async (deltas) => {
        if (fail) throw fail;
        writes.push(deltas);
      },
      warn: () => {},
    });
    recorder.record([rec({ at: "2026-12-01T10:00:00Z" })]);
    await recorder.flush();
    expect(recorder.pending()).toBe(1);
    fail = null;
    recorder.record([rec({ at: "2026-12-01T10:00:01Z" })]);
    await recorder.flush();
    expect(writes.map((d) => d[0]!.allowed)).toEqual([2]);

    fail = Object.assign(new Error("insert violates foreign key"), { code: "23503" });
    recorder.record([rec({ at: "2026-12-01T10:00:02Z" })]);
    await recorder.flush();
    expect(recorder.pending()).toBe(0);
  });

  it("gives up quietly on a database closed for good, instead of trying again every second", async () => {
    let closed = false;
    const warnings: unknown[] = [];
    let attempts = 0;
    const recorder = createDecisionRecorder({
      write: async () => {
        attempts++;
        throw Object.assign(new Error("write CONNECTION_ENDED"), { code: "CONNECTION_ENDED" });
      },
      warn: (fields) => void warnings.push(fields),
      closed: () => closed,
      intervalMs: 5,
    });
    recorder.record([rec({ at: "2026-12-01T10:00:00Z" })]);
    await recorder.flush();
    expect(recorder.pending()).toBe(1); // a pool being replaced: kept
    closed = true;
    await recorder.flush();
    expect(recorder.pending()).toBe(0);
    const tried = attempts;
    // Its timer is stopped: what comes later waits, and is never tried.
    recorder.record([rec({ at: "2026-12-01T10:00:01Z" })]);
    await new Promise((r) => setTimeout(r, 50));
    expect([attempts, recorder.pending()]).toEqual([tried, 1]);
    expect(warnings.every((w) => (w as { waiting?: number }).waiting === 1)).toBe(true);
    await recorder.stop();
  });

  it("waits for a flush in progress, then writes what arrived meanwhile", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batches: number[] = [];
    const recorder = createDecisionRecorder({
      write: async (deltas) => {
        batches.push(deltas.reduce((n, d) => n + d.allowed, 0));
        await gate;
      },
    });
    recorder.record([rec({ at: "2026-12-01T10:00:00Z" })]);
    const first = recorder.flush();
    recorder.record([rec({ at: "2026-12-01T10:00:01Z" }), rec({ at: "2026-12-01T10:00:02Z" })]);
    const second = recorder.flush();
    release();
    await Promise.all([first, second]);
    expect(batches).toEqual([1, 2]);
  });
});

describe("the process's recorder", () => {
  it("is what the gate's recordDecisions calls once installed, one per database, and is flushed when the process shuts down", async () => {
    const out = sink();
    const db = {} as Db;
    const recorder = recorderFor(db, out.write);
    expect(recorderFor(db)).toBe(recorder); // one per database and process, whichever module graph asks
    expect(recorderFor({} as Db)).not.toBe(recorder);
    installDecisionRecorder();
    recordDecisions(db, [rec({ at: "2026-12-01T10:00:00Z" }), rec({ at: "2026-12-01T10:00:01Z", allowed: false })]);
    expect(recorder.pending()).toBe(2);
    expect(out.writes).toEqual([]);
    expect(await shutdown("SIGTERM", 100)).toBe(0);
    expect(out.writes.map((w) => [w.deltas[0]!.allowed, w.deltas[0]!.denied, w.denials.length])).toEqual([[1, 1, 1]]);
    expect(recorder.pending()).toBe(0);
  });
});
