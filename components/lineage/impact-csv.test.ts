import { describe, expect, it } from "vitest";
import { impactCsv, impactFileName } from "./impact-csv";

describe("impactCsv", () => {
  it("writes one CRLF row per segment and channel, quoting and defusing formulas", () => {
    const csv = impactCsv(
      "https://steward.test",
      { label: "CRM" },
      [
        {
          kind: "segment",
          id: "a1",
          label: '=HYPERLINK("x"), big',
          sensitivity: "confidential",
          depth: 2,
          status: "active",
          tools: [
            { name: "Braze", channel: "email" },
            { name: "Ads sync", channel: "paid_social" },
          ],
        },
        { kind: "segment", id: "b2", label: "Unused", sensitivity: "internal", depth: 1, status: "draft", tools: [] },
      ],
      [{ kind: "channel", id: "email", label: "Email", sensitivity: null, depth: 3 }],
    );
    expect(csv.split("\r\n")).toEqual([
      "affected,name,id,status,hops,sensitivity,link,affected_by,tools_to_be_denied",
      `segment,"'=HYPERLINK(""x""), big",a1,active,2,confidential,https://steward.test/catalog/segments/a1,CRM,Braze (Email); Ads sync (Paid social)`,
      "segment,Unused,b2,draft,1,internal,https://steward.test/catalog/segments/b2,CRM,",
      "channel,Email,email,,3,,,CRM,",
      "",
    ]);
  });

  it("makes a safe file name", () => {
    expect(impactFileName("CRM (EU) / Orders")).toBe("impact-crm-eu-orders.csv");
    expect(impactFileName("***")).toBe("impact-node.csv");
  });
});
