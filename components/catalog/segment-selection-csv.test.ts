import { describe, expect, it } from "vitest";
import { selectionCsv, type SelectedSegment } from "./segment-selection-csv";

const item = (over: Partial<SelectedSegment>): SelectedSegment => ({
  id: "s1",
  key: "big_spenders",
  name: "Big spenders",
  status: "active",
  sensitivity: "confidential",
  businessGoal: "retention",
  channels: ["email", "sms"],
  ownerName: "Ada",
  team: "CRM",
  blockingCount: 0,
  warningCount: 2,
  updatedAt: new Date("2026-11-30T10:00:00Z"),
  ...over,
});

describe("selectionCsv", () => {
  it("writes the selected rows as the table shows them, with a link, quoting and defusing formulas", () => {
    const lines = selectionCsv("https://steward.test", [item({}), item({ id: "s2", key: "x", name: "=cmd|' /C calc'!A0", channels: [], team: null })]).split("\r\n");
    expect(lines[0]).toBe("name,key,status,sensitivity,business_goal,channels,owner,team,blocking_findings,warnings,updated_at,link");
    expect(lines[1]).toBe("Big spenders,big_spenders,Active,Confidential,Retention,Email; SMS,Ada,CRM,0,2,2026-11-30T10:00:00.000Z,https://steward.test/catalog/segments/s1");
    // A formula-like name is defused with a leading quote; an empty list is an empty cell.
    expect(lines[2]).toBe("'=cmd|' /C calc'!A0,x,Active,Confidential,Retention,,Ada,,0,2,2026-11-30T10:00:00.000Z,https://steward.test/catalog/segments/s2");
    expect(lines[3]).toBe("");
  });
});
