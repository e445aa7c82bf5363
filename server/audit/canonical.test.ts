import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { canonicalBytes, canonicalBytesV2, checkEvent, eventHash, GENESIS_HASH, jsonbText, numericText, type ChainedEvent } from "./canonical";

describe("numericText", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [-1.5, "-1.5"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [-2.5e-10, "-0.00000000025"],
    [1.2345e22, "12345000000000000000000"],
  ])("%s prints as %s", (n, text) => expect(numericText(n)).toBe(text));
});

describe("jsonbText", () => {
  it("orders keys by byte length, then bytes, with jsonb's spacing", () => {
    expect(jsonbText({ bb: 1, a: [true, null, "x"], ccc: {}, é: [], b: "q" })).toBe('{"a": [true, null, "x"], "b": "q", "bb": 1, "é": [], "ccc": {}}');
  });

  it("escapes strings as PostgreSQL does", () => {
    expect(jsonbText('a"b\\c\n\t\u0001ü')).toBe('"a\\"b\\\\c\\n\\t\\u0001ü"');
  });
});

describe("the chain hash", () => {
  const event: ChainedEvent = {
    seq: 1,
    id: "7f1c5e0a-0000-4000-8000-000000000001",
    occurred_at: "2026-01-02T03:04:05.123456Z",
    actor_id: null,
    actor_label: "system",
    action: "reference_data.seeded",
    entity_type: "reference_data",
    entity_id: null,
    before: null,
    after: { purposes: 16 },
    reason: null,
    request_id: null,
    ip: null,
    user_agent: null,
    prev_hash: GENESIS_HASH,
    hash: "",
  };

  it("hashes prev_hash and the fields in a fixed order, 0x00 between them, 0xFF for null", () => {
    const text = `${GENESIS_HASH}\x001\x007f1c5e0a-0000-4000-8000-000000000001\x002026-01-02T03:04:05.123456Z\x00\xff\x00system\x00reference_data.seeded\x00reference_data\x00\xff\x00\xff\x00{"purposes": 16}\x00\xff\x00\xff\x00\xff\x00\xff`;
    expect(canonicalBytes(event)).toEqual(Buffer.from(text, "latin1"));
    expect(eventHash(event)).toBe(createHash("sha256").update(Buffer.from(text, "latin1")).digest("hex"));
  });

  it("version 2 hashes 0x02, prev_hash, binary seq, id, time and actor, then each text field and 0x00", () => {
    const v2 = { ...event, hash_version: 2, actor_id: "0a0b0c0d-0e0f-4000-8000-00000000abcd" };
    const micros = (Date.UTC(2026, 0, 2, 3, 4, 5) - Date.UTC(2000, 0, 1)) * 1000 + 123456;
    const expected = Buffer.concat([
      Buffer.from([0x02]),
      Buffer.from(GENESIS_HASH + "\x00", "latin1"),
      Buffer.from("0000000000000001", "hex"),
      Buffer.from("7f1c5e0a000040008000000000000001", "hex"),
      Buffer.from(micros.toString(16).padStart(16, "0"), "hex"),
      Buffer.from("01" + "0a0b0c0d0e0f4000800000000000abcd", "hex"),
      Buffer.from(`system\x00reference_data.seeded\x00reference_data\x00\xff\x00\xff\x00{"purposes": 16}\x00\xff\x00\xff\x00\xff\x00\xff\x00`, "latin1"),
    ]);
    expect(canonicalBytesV2(v2)).toEqual(expected);
    expect(eventHash(v2)).toBe(createHash("sha256").update(expected).digest("hex"));
    // A time before 2000 is a negative count; a null actor is the single byte 0x00.
    const old = canonicalBytesV2({ ...v2, occurred_at: "1999-12-31T23:59:59.999999Z", actor_id: null });
    expect(old.subarray(66 + 8 + 16, 66 + 8 + 16 + 9)).toEqual(Buffer.from("ffffffffffffffff00", "hex"));
  });

  it("an unknown hash version never verifies", () => {
    const hashed = { ...event, hash: eventHash(event) };
    expect(checkEvent({ ...hashed, hash_version: 3 })).toMatchObject({ ok: false, problem: "contents" });
    expect(checkEvent({ ...hashed, hash_version: 2 })).toMatchObject({ ok: false, problem: "contents" });
    expect(checkEvent({ ...hashed, hash_version: 1 })).toEqual({ ok: true });
  });

  it("detects a changed field and a broken link", () => {
    const hashed = { ...event, hash: eventHash(event) };
    expect(checkEvent(hashed, null)).toEqual({ ok: true });
    expect(checkEvent({ ...hashed, actor_label: "mallory" }).ok).toBe(false);
    expect(checkEvent(hashed, { seq: 0, hash: "f".repeat(64) })).toMatchObject({ ok: false, problem: "link" });
  });
});
