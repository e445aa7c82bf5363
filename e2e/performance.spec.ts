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

test("the Performance tab charts reported outcomes, each chart with its table, small counts withheld", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, steward);
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
