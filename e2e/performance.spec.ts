import fs from "node:fs";
import { signedIn } from "./support/auth";
import { draftGateSegment } from "./support/gate-setup";
import { mutate, query } from "./support/trpc";
import { expectAccessible, screenshot } from "./support/a11y";
import { atPhoneWidth, atWidths, expectNoSidewaysScroll } from "./support/widths";
import { expect, test } from "./support/test";
import { createPerson } from "./support/people";

// A tool reports four weeks of outcomes with a metrics:write token; the segment's Performance tab
// shows them as charts with their tables, SMS's small counts as "fewer than 100".
const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Pat Steward ${run}`, email: `perf.steward.${run}@example.test`, password: "perf steward passphrase", roles: ["steward"] };
const officer = { name: `Priya Officer ${run}`, email: `perf.officer.${run}@example.test`, password: "perf officer passphrase", roles: ["privacy_officer"] };

test("the Performance tab charts reported outcomes, each chart with its table, small counts withheld", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, steward);
  await createPerson(adminPage.request, officer);
  const { token } = await mutate<{ token: string }>(adminPage.request, "tokens.create", { name: `perf-e2e-${run}`, scopes: ["metrics:write"] });
  await adminPage.context().close();
  // Outcomes can be reported for any segment of the catalog; a draft is enough here.
  const page = await signedIn(browser, steward);
  const segment = await draftGateSegment(page.request, page.request, `perf${run}`);

  // 28 days: email reaches ~900 a day (holdout 200), web 700, SMS 10: below the segment's minimum cohort of 100 every week.
  const days = Array.from({ length: 28 }, (_, i) => new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10));
  const rows = days.flatMap((date, i) => [
    { date, segment: segment.key, channel: "email", group: "treatment", reached: 900 + (i % 5) * 20, conversions: 110 + (i % 3), revenue: 1200.5, currency: "EUR" },
    { date, segment: segment.key, channel: "email", group: "holdout", reached: 200, conversions: 20, revenue: 150, currency: "EUR" },
    { date, segment: segment.key, channel: "web", group: "treatment", reached: 700, conversions: 90, revenue: 300, currency: "EUR" },
    { date, segment: segment.key, channel: "sms", group: "treatment", reached: 10, conversions: 1, revenue: 20, currency: "EUR" },
  ]);
  const res = await request.post("/api/v1/metrics/outcomes", { headers: { authorization: `Bearer ${token}` }, data: { rows } });
  expect(res.status()).toBe(200);

  await page.goto(`/catalog/segments/${segment.id}?tab=performance`);
  await expect(page.getByRole("heading", { name: "Performance" })).toBeVisible();
  const reached = page.getByTestId("chart-reached");
  await expect(reached.locator(".recharts-line-curve").first()).toBeVisible();
  await expect(page.getByTestId("chart-lift").locator(".recharts-area")).toBeVisible();
  await expect(page.getByTestId("lift-total")).toContainText("95% CI");
  await reached.getByRole("button", { name: "Show table" }).click();
  const table = reached.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "SMS" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "fewer than 100" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "By channel" }).getByRole("row", { name: /SMS/ })).toContainText("fewer than 100");
  await atWidths(page, "segment-performance");

  // A privacy officer turns differential privacy on for this segment, with a reason.
  const officerPage = await signedIn(browser, officer);
  await officerPage.goto(`/catalog/segments/${segment.id}?tab=performance`);
  await officerPage.getByText("Differential privacy: off").click();
  const modeForm = officerPage.getByRole("form", { name: "Differential privacy for this segment" });
  await modeForm.getByLabel("Differential privacy", { exact: true }).selectOption("on");
  await modeForm.getByLabel("Reason for the change").fill("a small campaign: noisy reports only");
  await modeForm.getByRole("button", { name: "Save" }).click();
  await expect(officerPage.getByTestId("noise-panel")).toContainText("Differential privacy is on");
  // The policy's default and budget are set on the policies page, by privacy officers only.
  await officerPage.goto("/policies");
  const policyForm = officerPage.getByRole("form", { name: "Differential privacy policy" });
  await expect(policyForm.getByLabel("Monthly budget per segment (ε)")).toHaveValue("4");
  await expect(policyForm.getByLabel("Spent per release (ε)")).toHaveValue("1");
  await screenshot(officerPage, "policies-privacy");
  await officerPage.context().close();

  // The steward sees the error and the budget before spending anything, and no number until a release.
  await page.goto(`/catalog/segments/${segment.id}?tab=performance`);
  const panel = page.getByTestId("noise-panel");
  await expect(panel).toContainText("± 24 people");
  await expect(panel).toContainText("ε 0 of 4 spent");
  await expect(page.getByText("Nothing released with noise yet")).toBeVisible();
  await expect(page.getByRole("form", { name: "Differential privacy for this segment" })).toHaveCount(0);
  await page.goto("/policies");
  await expect(page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  await expect(page.getByRole("form", { name: "Differential privacy policy" })).toHaveCount(0);
  await page.goto(`/catalog/segments/${segment.id}?tab=performance`);
  await panel.getByRole("button", { name: /Release today’s numbers/ }).click();
  await expect(panel).toContainText("ε 1 of 4 spent");
  await expect(page.getByTestId("chart-reached").locator(".recharts-line-curve").first()).toBeVisible();
  // Revenue is never released with noise; SMS's small weeks stay "fewer than 100".
  const byChannel = page.getByRole("table", { name: "By channel" });
  await expect(byChannel.getByRole("row", { name: /All channels/ })).toContainText("not released");
  await expect(byChannel.getByRole("row", { name: /SMS/ })).toContainText("fewer than 100");
  // The CSV holds the same released numbers, one per line, and spends nothing more.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^performance-gate_perf${run}-week-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = fs.readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe("from,to,channel,measure,value,note");
  expect(csv.some((line) => /,SMS,people_reached,,fewer than 100$/.test(line))).toBe(true);
  await expect(panel).toContainText("ε 1 of 4 spent");
  await atWidths(page, "segment-performance-noise");

  // The dashboard's charts, each with its table too.
  await page.goto("/");
  const ageing = page.getByTestId("chart-review-ageing");
  await expect(ageing.locator(".recharts-wrapper")).toBeVisible();
  await ageing.getByRole("button", { name: "Show table" }).click();
  await expect(ageing.getByRole("rowheader", { name: "0–2 days" })).toBeVisible();
  await expect(page.getByTestId("chart-findings").locator(".recharts-wrapper")).toBeVisible();
  await expect(page.getByTestId("chart-withdrawals")).toBeVisible();
  // One axe pass here (the charts' markup is the segment tab's), screenshots at both widths.
  await expectAccessible(page);
  await screenshot(page, "dashboard-charts");
  await atPhoneWidth(page, async () => {
    await screenshot(page, "dashboard-charts");
    await expectNoSidewaysScroll(page);
  });
  await page.context().close();
});
