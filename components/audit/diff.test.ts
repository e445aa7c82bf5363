import { describe, expect, it } from "vitest";
import { diffSnapshots, displayValue } from "./diff";

describe("diffSnapshots", () => {
  it("lists changed, added, removed and unchanged fields, nested ones by path", () => {
    const before = { name: "Email", roles: ["admin"], settings: { email: true, sms: false }, old: 1 };
    const after = { name: "Email marketing", roles: ["admin", "auditor"], settings: { email: true, sms: true }, added: null };
    expect(diffSnapshots(before, after)).toEqual([
      { path: "name", change: "changed", before: "Email", after: "Email marketing" },
      { path: "roles", change: "changed", before: ["admin"], after: ["admin", "auditor"] },
      { path: "settings.email", change: "unchanged", before: true, after: true },
      { path: "settings.sms", change: "changed", before: false, after: true },
      { path: "old", change: "removed", before: 1 },
      { path: "added", change: "added", after: null },
    ]);
  });

  it("treats a creation as all added and a scalar snapshot as one value", () => {
    expect(diffSnapshots(null, { a: 1 })).toEqual([{ path: "a", change: "added", after: 1 }]);
    expect(diffSnapshots("x", "y")).toEqual([{ path: "(value)", change: "changed", before: "x", after: "y" }]);
    expect(diffSnapshots(null, null)).toEqual([]);
  });

  it("shows values plainly", () => {
    expect(displayValue(undefined)).toBe("—");
    expect(displayValue("")).toBe('""');
    expect(displayValue(["a", 1])).toBe('["a",1]');
    expect(displayValue(null)).toBe("null");
  });
});
