import { signedIn } from "./support/auth";
import { activeGateSegment } from "./support/gate-setup";
import { mutate, query } from "./support/trpc";
import { atWidths } from "./support/widths";
import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { createPerson } from "./support/people";

// An admin makes an activation:read token on the tokens page; a tool asks the gate with it; the
// segment page shows the same answer for each declared channel, and follows a pause.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const owner = { name: `Gia Owner ${run}`, email: `gate.owner.${run}@example.test`, password: "gate owner passphrase", roles: ["marketer"] };
const steward = { name: `Sol Steward ${run}`, email: `gate.steward.${run}@example.test`, password: "gate steward passphrase", roles: ["steward"] };

let ownerPage: Page;
let stewardApi: APIRequestContext;
let segment: { id: string; key: string };
let token: string;

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  for (const who of [owner, steward]) await createPerson(adminPage.request, who);
  await adminPage.context().close();
  ownerPage = await signedIn(browser, owner);
  stewardApi = (await signedIn(browser, steward)).request;
  segment = await activeGateSegment(ownerPage.request, stewardApi, run);
});

test.afterAll(async () => {
  await ownerPage?.context().close();
});

test("the tokens page offers activation:read and metrics:write; the tokens it shows once ask the gate and report metrics", async ({ browser, request }) => {
  const page = await signedIn(browser, admin);
  await page.goto("/settings/tokens");
  await expect(page.getByText("Ask the activation gate")).toBeVisible();
  await expect(page.getByText("Report outcome and consent aggregates")).toBeVisible();
  await atWidths(page, "tokens-scopes");
  const created = await mutate<{ token: string }>(page.request, "tokens.create", { name: `gate-e2e-${run}`, scopes: ["activation:read"] });
  token = created.token;
  // A metrics:write token reports an outcome row for the segment through the served route.
  const metrics = await mutate<{ token: string }>(page.request, "tokens.create", { name: `metrics-e2e-${run}`, scopes: ["metrics:write"] });
  await page.context().close();
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const row = { date: yesterday, segment: segment.key, channel: "email", group: "treatment", reached: 900, conversions: 30, revenue: 450, currency: "EUR" };
  const ingested = await request.post("/api/v1/metrics/outcomes", { headers: { authorization: `Bearer ${metrics.token}` }, data: { rows: [row] } });
  expect(await ingested.json()).toEqual({ accepted: 1, replaced: 0, from: yesterday, to: yesterday });
  const refused = await request.post("/api/v1/metrics/outcomes", { headers: { authorization: `Bearer ${metrics.token}` }, data: { rows: [{ ...row, email: "ann@example.com" }] } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ field: "rows.0.email" });

  const res = await request.get(`/api/v1/segments/${segment.key}/decision?channel=email&purpose=marketing.email`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ allowed: true, status: "active", version: 1, channel: "email", reasons: [], frequencyCap: { count: 2, perDays: 7 }, minimumCohort: 100 });
  const batch = await request.post("/api/v1/decisions", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      decisions: [
        { segment: segment.key, channel: "push" },
        { segment: "nobody_has_this", channel: "email" },
      ],
    },
  });
  expect(batch.status()).toBe(200);
  const { decisions } = await batch.json();
  expect(decisions.map((d: { reasons: Array<{ code: string }> }) => d.reasons.map((r) => r.code))).toEqual([["channel_not_declared"], ["segment_unknown"]]);
});

test("the segment page shows the gate's answer per channel, and a pause turns it to denied", async ({ request }) => {
  await ownerPage.goto(`/catalog/segments/${segment.id}`);
  const card = ownerPage.getByTestId("gate-card");
  await expect(card.getByTestId("gate-email")).toHaveText("Email: allowed");
  await expect(card.getByTestId("gate-sms")).toHaveText("SMS: allowed");
  await atWidths(ownerPage, "segment-gate-allowed");

  await mutate(stewardApi, "lifecycle.pause", { segmentId: segment.id });
  await ownerPage.reload();
  await expect(card.getByTestId("gate-email")).toHaveText("Email: denied — the segment is paused");
  const api = await (await request.get(`/api/v1/segments/${segment.key}/decision?channel=sms`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(api).toMatchObject({ allowed: false, reasons: [{ code: "segment_not_active", message: "The segment is paused." }] });
  await atWidths(ownerPage, "segment-gate-denied");
});

test("the segment page's Used by panel names the tool that asked, with its counts and the denials' reasons", async () => {
  const tool = `gate-e2e-${run}`;
  const panel = ownerPage.getByTestId("used-by-panel");
  // Usage is written a second or so after the gate answers (a buffered flush): reload until it shows.
  await expect(async () => {
    await ownerPage.reload();
    await expect(panel.getByTestId("used-by-row").filter({ hasText: "SMS" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const rows = panel.getByTestId("used-by-row");
  // email asked once (allowed), push once (denied: not declared), sms once after the pause (denied).
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Email" })).toContainText(tool);
  const cells = async (channel: string) => (await rows.filter({ hasText: channel }).locator("td").allInnerTexts()).slice(3, 5);
  expect(await cells("Email")).toEqual(["1", "0"]);
  expect(await cells("Push")).toEqual(["0", "1"]);
  expect(await cells("SMS")).toEqual(["0", "1"]);
  const denials = panel.getByTestId("denial");
  await expect(denials).toHaveCount(2);
  // Newest first: the pause, then the undeclared channel.
  await expect(denials.nth(0)).toContainText(`${tool} · SMS`);
  await expect(denials.nth(0)).toContainText("The segment is paused.");
  await expect(denials.nth(1)).toContainText(`${tool} · Push`);
  await expect(denials.nth(1)).toContainText("channel_not_declared");
  await atWidths(ownerPage, "segment-used-by");
});
