import { describe, expect, it } from "vitest";
import { csvRecordToRow, mapHeader } from "./metrics-csv";

describe("metrics CSV header", () => {
  it.each([
    { kind: "consent", header: ["date", "purpose", "consented", "optIns", "withdrawals"], fields: ["date", "purpose", "consented", "optIns", "withdrawals"] },
    { kind: "consent", header: ["Date", "Purpose", " opt_ins ", "OPT-INS2"], message: "Column 4 (“OPT-INS2”) is not a field of consent rows" },
    { kind: "consent", header: ["date", "opt_ins", "withdrawals", "Opt-Ins"], message: "The column “optIns” appears twice." },
    {
      kind: "outcomes",
      header: ["date", "segment", "channel", "group", "reached", "conversions", "revenue", "currency"],
      fields: ["date", "segment", "channel", "group", "reached", "conversions", "revenue", "currency"],
    },
    { kind: "outcomes", header: ["date", "segment", "email"], message: "Column 3 (“email”) is not a field of outcomes rows" },
    { kind: "outcomes", header: ["date", "purpose"], message: "Column 2 (“purpose”) is not a field of outcomes rows" },
  ] as const)("$kind: $header", ({ kind, header, ...want }) => {
    const got = mapHeader(kind, header);
    if ("fields" in want) expect(got).toEqual({ ok: true, fields: want.fields });
    else expect(got.ok ? "" : got.message).toContain(want.message);
  });
});

describe("metrics CSV records", () => {
  const consent = ["date", "purpose", "source", "jurisdiction", "consented", "optIns", "withdrawals"];
  const outcomes = ["date", "segment", "channel", "group", "reached", "conversions", "revenue", "currency", "sends"];
  it.each([
    {
      name: "numbers become numbers, text stays text",
      kind: "consent",
      fields: consent,
      record: ["2026-11-30", "marketing.email", "crm", "EU", "48210", "312", "95"],
      row: { date: "2026-11-30", purpose: "marketing.email", source: "crm", jurisdiction: "EU", consented: 48210, optIns: 312, withdrawals: 95 },
    },
    {
      name: "an empty cell leaves its field out (optional fields, or 'is required' from the schema)",
      kind: "consent",
      fields: consent,
      record: ["2026-11-30", "marketing.email", "", " ", "48210", "", "95"],
      row: { date: "2026-11-30", purpose: "marketing.email", consented: 48210, withdrawals: 95 },
    },
    {
      name: "a negative count is a number, for the schema to refuse",
      kind: "consent",
      fields: consent,
      record: ["2026-11-30", "marketing.email", "", "", "-4", "1", "2"],
      row: { date: "2026-11-30", purpose: "marketing.email", consented: -4, optIns: 1, withdrawals: 2 },
    },
    {
      name: "a count that is not a number stays text, for the schema to refuse",
      kind: "consent",
      fields: consent,
      record: ["2026-11-30", "marketing.email", "", "", "1,200", "twelve", "2"],
      row: { date: "2026-11-30", purpose: "marketing.email", consented: "1,200", optIns: "twelve", withdrawals: 2 },
    },
    {
      name: "revenue keeps its decimals; a short record leaves the rest out",
      kind: "outcomes",
      fields: outcomes,
      record: ["2026-11-30", "frequent_buyers", "email", "treatment", "12000", "540", "27000.50", "EUR"],
      row: { date: "2026-11-30", segment: "frequent_buyers", channel: "email", group: "treatment", reached: 12000, conversions: 540, revenue: 27000.5, currency: "EUR" },
    },
    {
      name: "a numeric-looking key stays text",
      kind: "outcomes",
      fields: outcomes,
      record: ["2026-11-30", "2026", "email", "holdout", "10", "1", "0", "EUR", "11"],
      row: { date: "2026-11-30", segment: "2026", channel: "email", group: "holdout", reached: 10, conversions: 1, revenue: 0, currency: "EUR", sends: 11 },
    },
  ] as const)("$name", ({ kind, fields, record, row }) => {
    expect(csvRecordToRow(kind, fields, record)).toEqual(row);
  });
});
