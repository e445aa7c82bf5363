import { expect, test } from "./support/test";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// The segment page's "Used by" panel before any tool has asked the activation gate. The panel
// with usage and a denial needs the decision API (another branch): the lead's e2e drives that
// one end to end (create a token, ask, see the tool and the denial here).
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Uma Steward ${run}`, email: `uma.${run}@example.test`, password: "uma steward passphrase" };
let segmentId = "";

test.beforeAll(async ({ request, browser }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...steward, roles: ["steward"] });
  await adminPage.context().close();

  const page = await signedIn(browser, steward);
  const req = page.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", {});
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", {});
  const purposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  const sourceId = (
    await mutate<{ id: string }>(req, "sources.create", {
      key: `crm_${run}`,
      name: `CRM ${run}`,
      systemType: "crm",
      owner: "CRM team",
      jurisdictions: ["EU"],
      retentionDays: 730,
      encryptedInTransit: true,
      encryptedAtRest: true,
      pseudonymised: false,
      consentCapturePoints: ["checkout"],
    })
  ).id;
  const signalId = (
    await mutate<{ id: string }>(req, "signals.create", {
      sourceId,
      key: `orders_${run}`,
      name: `Orders ${run}`,
      categoryId: categories.find((c) => c.key === "user.behavior.purchase_history")!.id,
      kind: "transactional",
      fidelity: "confirmed",
      identifiability: "identified",
      valueType: "number",
      retentionDays: 365,
      consents: [{ purposeId, lawfulBasis: "consent" }],
    })
  ).id;
  segmentId = (
    await mutate<{ id: string }>(req, "segments.create", {
      key: `buyers_${run}`,
      name: `Frequent buyers ${run}`,
      purposeStatement: "Thank frequent buyers.",
      businessGoal: "retention",
      declaredPurposeIds: [purposeId],
      channels: ["email"],
      definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId, operator: "gte", value: 3 }] },
    })
  ).id;
  await page.context().close();
});

test("a segment no tool has asked about says so, and shows an admin where tokens are made", async ({ browser }) => {
  const page = await signedIn(browser, admin);
  await page.goto(`/catalog/segments/${segmentId}`);
  const panel = page.getByTestId("used-by-panel");
  await expect(page.getByRole("heading", { name: "Used by" })).toBeVisible();
  await expect(panel.getByText("No tool has asked about this segment yet")).toBeVisible();
  await expect(panel.getByText("/api/v1/segments/{key}/decision")).toBeVisible();
  await expect(panel.getByRole("link", { name: "Create one under Settings → API tokens." })).toHaveAttribute("href", "/settings/tokens");
  await atWidths(page, "segment-used-by-empty");
  await page.context().close();
});

test("a steward, who cannot make tokens, is told who can instead of getting a link", async ({ browser }) => {
  const page = await signedIn(browser, steward);
  await page.goto(`/catalog/segments/${segmentId}`);
  const panel = page.getByTestId("used-by-panel");
  await expect(panel.getByText("An admin creates tokens under Settings → API tokens.")).toBeVisible();
  await expect(panel.getByRole("link")).toHaveCount(0);
  await page.context().close();
});
