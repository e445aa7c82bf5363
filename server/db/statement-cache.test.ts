import { describe, expect, it } from "vitest";
import { MAX_PARAMETERS, preparingUnsafe, statementPolicy } from "./statement-cache";

describe("which statements are kept prepared", () => {
  it.each([
    { case: "a statement with parameters, run the first time", limit: 5, seen: [], query: "select $1", params: 1, kept: false },
    { case: "a statement with parameters, run again", limit: 5, seen: ["select $1"], query: "select $1", params: 1, kept: true },
    { case: "one without parameters (it may be a script or DDL)", limit: 5, seen: ["select 1"], query: "select 1", params: 0, kept: false },
    { case: "a bulk statement", limit: 5, seen: ["insert …"], query: "insert …", params: MAX_PARAMETERS + 1, kept: false },
    { case: "the most parameters kept", limit: 5, seen: ["insert …"], query: "insert …", params: MAX_PARAMETERS, kept: true },
    { case: "a new text once the limit is reached", limit: 2, seen: ["a $1", "a $1", "b $1", "b $1", "c $1"], query: "c $1", params: 1, kept: false },
    { case: "a text kept before the limit was reached", limit: 2, seen: ["a $1", "a $1", "b $1", "b $1"], query: "a $1", params: 1, kept: true },
    { case: "texts run once take no place", limit: 1, seen: ["a $1", "b $1", "c $1", "d $1"], query: "d $1", params: 1, kept: true },
    { case: "a text whose first run was forgotten with many others", limit: 1, seen: ["a $1", "b $1", "c $1", "d $1", "e $1"], query: "a $1", params: 1, kept: false },
    { case: "anything when turned off", limit: 0, seen: ["select $1"], query: "select $1", params: 1, kept: false },
  ])("$case: kept $kept", ({ limit, seen, query, params, kept }) => {
    const admit = statementPolicy(limit);
    for (const s of seen) admit(s, s === query ? params : 1);
    expect(admit(query, params)).toBe(kept);
    expect(admit.size()).toBeLessThanOrEqual(Math.max(0, limit));
  });

  it("turns Drizzle's prepare:false into prepare:true for an admitted statement, and leaves other calls as they were", () => {
    const calls: unknown[] = [];
    const unsafe = preparingUnsafe((q, p, o) => calls.push([q, p, o]), statementPolicy(1));
    unsafe("select $1", [1], { prepare: false }); // its first run
    unsafe("select $1", [2], { prepare: false });
    unsafe("select $1 + $2", [1, 2], { prepare: false });
    unsafe("select $1 + $2", [1, 2], { prepare: false }); // past the limit
    unsafe("select $1", [1]); // no options: a caller of its own (the job queue), left alone
    unsafe("select 1", [], { prepare: false });
    expect(calls).toEqual([
      ["select $1", [1], { prepare: false }],
      ["select $1", [2], { prepare: true }],
      ["select $1 + $2", [1, 2], { prepare: false }],
      ["select $1 + $2", [1, 2], { prepare: false }],
      ["select $1", [1], undefined],
      ["select 1", [], { prepare: false }],
    ]);
  });
});
