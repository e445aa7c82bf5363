import { describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, type ChainedEvent } from "./canonical";
import { verifyExportLines, type ExportManifest } from "./verify-export";

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  for (let i = 1; i <= n; i++) {
    const e = {
      seq: i,
      id: `7f1c5e0a-0000-4000-8000-00000000000${i}`,
      occurred_at: `2026-01-02T03:04:0${i}.123456Z`,
      actor_id: null,
      actor_label: "system",
      action: "segment.created",
      entity_type: "segment",
      entity_id: "s1",
      before: null,
      after: { n: i },
      reason: null,
      request_id: null,
      ip: null,
      user_agent: null,
      hash_version: 2,
      prev_hash: events[i - 2]?.hash ?? GENESIS_HASH,
    };
    events.push({ ...e, hash: eventHash(e) });
  }
  return events;
}
const manifestOf = (events: ChainedEvent[], filters: Record<string, string> = {}): ExportManifest => ({
  row_count: events.length,
  filters,
  first_row: { seq: events[0]!.seq, hash: events[0]!.hash },
  last_row: { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash },
});

describe("verifyExportLines", () => {
  it("passes an intact export, linked one to the next when it is unfiltered", async () => {
    const events = chain(3);
    expect(
      await verifyExportLines(
        events.map((e) => JSON.stringify(e)),
        manifestOf(events),
      ),
    ).toEqual({ ok: true, count: 3, contiguous: true, problems: [] });
  });

  it("names a line that is not JSON, a missing event and a manifest that does not match, without throwing", async () => {
    const events = chain(3);
    const lines = [JSON.stringify(events[0]), "{not json", JSON.stringify(events[2])];
    const result = await verifyExportLines(lines, manifestOf(chain(4)));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      "line 2 is not JSON",
      "event 3: prev_hash is not the hash of event 1",
      "the manifest says 4 events, the file has 3",
      "the last event is not the manifest's last_row",
    ]);
    const gap = await verifyExportLines(
      [events[0], events[2]].map((e) => JSON.stringify(e)),
      manifestOf([events[0]!, events[2]!]),
    );
    expect(gap.problems).toEqual([`event 3: prev_hash is not the hash of event 1`]);
  });
});
