import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "./support/test";
import { strFromU8, unzipSync } from "fflate";
import { verifyExportLines } from "../server/audit/verify-export";
import { expectAccessible, screenshot } from "./support/a11y";
import { signedIn } from "./support/auth";
import { createPerson } from "./support/people";

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Eve Steward ${run}`, email: `eve.${run}@example.test`, password: "eve steward passphrase" };
const auditor = { name: `Aud Itor ${run}`, email: `aud.${run}@example.test`, password: "aud auditor passphrase" };
const marketer = { name: `Max Marketer ${run}`, email: `max.${run}@example.test`, password: "max marketer passphrase" };

async function call<T>(req: APIRequestContext, path: string, input?: unknown, method: "get" | "post" = "post"): Promise<T> {
  const res =
    method === "post"
      ? await req.post(`/api/trpc/${path}`, { data: { json: input } })
      : await req.get(`/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`);
  const body = await res.json();
  expect(res.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

test("an auditor downloads a segment's evidence pack and it holds the summary, the JSON and the audit events", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { needsSetup } = await call<{ needsSetup: boolean }>(request, "setup.status", undefined, "get");
  if (needsSetup) await call(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  for (const [who, roles] of [
    [steward, ["steward"]],
    [auditor, ["auditor"]],
    [marketer, ["marketer"]],
  ] as const) {
    await createPerson(adminPage.request, { ...who, roles });
  }

  const stewardPage = await signedIn(browser, steward);
  const purposes = await call<Array<{ id: string; key: string }>>(stewardPage.request, "purposes.list", {}, "get");
  const categories = await call<Array<{ id: string; key: string }>>(stewardPage.request, "categories.list", {}, "get");
  const email = purposes.find((p) => p.key === "marketing.email")!.id;
  const source = await call<{ id: string }>(stewardPage.request, "sources.create", {
    key: `pos_${run}`,
    name: `Store tills ${run}`,
    description: "",
    systemType: "point_of_sale",
    owner: "Retail ops",
    jurisdictions: ["EU"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["checkout"],
    consentCaptureNotes: "",
  });
  const signal = await call<{ id: string }>(stewardPage.request, "signals.create", {
    sourceId: source.id,
    key: `store_visits_${run}`,
    name: `Store visits ${run}`,
    description: "",
    categoryId: categories.find((c) => c.key === "user.behavior.purchase_history")!.id,
    kind: "transactional",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: "number",
    allowedValues: [],
    retentionDays: 365,
    consents: [{ purposeId: email, lawfulBasis: "consent" }],
  });
  const segment = await call<{ id: string }>(stewardPage.request, "segments.create", {
    key: `store_regulars_${run}`,
    name: `Store regulars ${run}`,
    description: "",
    purposeStatement: "Invite store regulars to the members' evening.",
    businessGoal: "retention",
    declaredPurposeIds: [email],
    channels: ["email"],
    definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 3 }] },
  });

  // A marketer is not offered the pack, and the server refuses a direct request.
  const marketerPage = await signedIn(browser, marketer);
  await marketerPage.goto(`/catalog/segments/${segment.id}`);
  await expect(marketerPage.getByRole("heading", { name: `Store regulars ${run}` })).toBeVisible();
  await expect(marketerPage.getByRole("button", { name: "Download evidence pack" })).toHaveCount(0);
  expect((await marketerPage.request.post(`/api/segments/${segment.id}/evidence`)).status()).toBe(403);

  const page = await signedIn(browser, auditor);
  await page.goto(`/catalog/segments/${segment.id}`);
  await expectAccessible(page);
  await screenshot(page, "segment-auditor");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download evidence pack" }).click()]);
  expect(download.suggestedFilename()).toBe(`evidence-store_regulars_${run}-v1.zip`);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files).sort()).toEqual(["audit-events.ndjson", "evidence.json", "privacy-ledger.csv", "summary.html"]);
  const html = strFromU8(files["summary.html"]!);
  expect(html).toContain(`Evidence pack: Store regulars ${run}`);
  expect(html).toContain("Invite store regulars to the members' evening.".replace("'", "&#39;"));
  expect(html).toContain(`Store visits ${run}`);
  const json = JSON.parse(strFromU8(files["evidence.json"]!));
  expect(json.segment.key).toBe(`store_regulars_${run}`);
  expect(json.consentOrigins[0].purposeKey).toBe("marketing.email");
  const lines = strFromU8(files["audit-events.ndjson"]!).trim().split("\n");
  const events = lines.map((l) => JSON.parse(l));
  expect(events.map((e) => e.action)).toEqual(["segment.created"]);
  // The audit export's format (snake_case, microsecond times), so the export verifier re-hashes it.
  expect(events[0]).toMatchObject({ entity_type: "segment", entity_id: segment.id, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(events[0].occurred_at).toMatch(/\.\d{6}Z$/);
  expect(await verifyExportLines(lines)).toMatchObject({ ok: true, count: 1, problems: [] });
});
