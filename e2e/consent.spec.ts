import { expect, test } from "./support/test";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { expectAccessible, screenshot } from "./support/a11y";
import { atWidths } from "./support/widths";
import { createPerson } from "./support/people";

// The Consent page: figures sent as CSV (through the same checks as the API), a chart's table
// view with a withheld small count, and the CSV preview naming a bad row before anything is stored.
const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const officer = { name: `Pia Privacy ${run}`, email: `pia.${run}@example.test`, password: "pia privacy passphrase" };
let purposeId = "";
const purposeKey = `e2e.consent_${run}`;

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The Monday of the last complete week, as the server counts it. */
function lastCompleteMonday(now = new Date()) {
  const today = Date.parse(`${iso(now.getTime())}T00:00:00Z`);
  return today - (((new Date(today).getUTCDay() + 6) % 7) + 7) * DAY;
}

// Ten weeks of daily figures: 40 opt-ins and 30 withdrawals a day, but only 1 a day in the fifth
// week (7 in all: fewer than 50), and 150 a day in the last complete week: 5× the baseline, a spike.
function tenWeeksCsv() {
  const start = lastCompleteMonday() - 9 * 7 * DAY;
  const lines = ["date,purpose,consented,optIns,withdrawals"];
  const withdrawals = (i: number) => (i >= 63 ? 150 : i >= 28 && i < 35 ? 1 : 30);
  for (let i = 0; i < 70; i++) lines.push(`${iso(start + i * DAY)},${purposeKey},${20_000 + 10 * i},40,${withdrawals(i)}`);
  return lines.join("\n");
}

test.beforeAll(async ({ request, browser }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...officer, roles: ["privacy_officer"] });
  await adminPage.context().close();

  const page = await signedIn(browser, officer);
  purposeId = (await mutate<{ id: string }>(page.request, "purposes.create", { key: purposeKey, name: `Newsletter ${run}`, description: "", allowedLawfulBases: ["consent"] })).id;
  await page.context().close();
});

test.setTimeout(90_000); // under a loaded machine; ~20 s when idle is the aim

test.describe.configure({ mode: "serial" }); // the alert's test reads the figures the first one uploads

test("figures uploaded as CSV on the Consent page show a purpose's weeks with small counts withheld, and a CSV preview names the bad row", async ({ browser }) => {
  const page = await signedIn(browser, officer);
  await page.getByRole("link", { name: "Consent", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Consent", level: 1 })).toBeVisible();
  // The figures go in through the page's upload: previewed row by row, then stored.
  await page.getByLabel("CSV file").setInputFiles({ name: "ten-weeks.csv", mimeType: "text/csv", buffer: Buffer.from(tenWeeksCsv()) });
  const upload = page.getByTestId("csv-preview");
  await expect(upload.getByRole("status")).toContainText("70 rows");
  await expect(upload.getByRole("status")).toContainText("every row is right");
  await upload.getByRole("button", { name: "Store 70 rows" }).click();
  await expect(page.getByText(/^Stored 70 rows/)).toBeVisible();
  await page.getByLabel("Purpose").selectOption(purposeId);
  await page.getByLabel("Weeks").selectOption("12");

  const flows = page.getByTestId("chart-flows");
  await expect(flows.getByRole("img", { name: /^Opt-ins against withdrawals/ })).toBeVisible();
  await flows.getByRole("button", { name: "Show table" }).click();
  const table = flows.getByRole("region", { name: "Opt-ins and withdrawals per week (table)" });
  await expect(table.getByRole("row")).toHaveCount(11); // header and ten weeks
  await expect(table.getByRole("cell", { name: "fewer than 50" })).toHaveCount(1);
  await expect(table.getByRole("cell", { name: "210" }).first()).toBeVisible();

  const csv = ["date,purpose,consented,optIns,withdrawals", `${iso(lastCompleteMonday())},${purposeKey},20000,40,30`, `${iso(lastCompleteMonday())},no.such.purpose,20000,-3,30`].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "consent.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const preview = page.getByTestId("csv-preview");
  await expect(preview.getByRole("status")).toContainText("2 rows");
  await expect(preview.getByRole("status")).toContainText("1 with problems");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText("optIns: must be a whole number of at least 0");
  await expect(preview.getByRole("row", { name: /^2 / })).toContainText("OK");
  await expect(preview.getByRole("button", { name: "Store 2 rows" })).toBeDisabled();
  await atWidths(page, "consent");

  await page.goto(`/catalog/purposes/${purposeId}`);
  await expect(page.getByRole("heading", { name: `Newsletter ${run}` })).toBeVisible();
  await expect(page.getByText("No active segment declares this purpose.")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "purpose");
  await page.context().close();
});

test("a withdrawal spike in the last complete week notifies the privacy officers, and the Consent page lists it", async ({ browser }) => {
  // The check runs hourly; an admin runs the scheduled jobs now (each raises a spike once, however often it runs).
  const adminPage = await signedIn(browser, admin);
  await mutate(adminPage.request, "jobs.runScheduled", undefined);
  await adminPage.context().close();

  const page = await signedIn(browser, officer);
  await page.getByTestId("notifications-bell").click();
  const alert = page.getByRole("region", { name: "Notifications" }).getByRole("link", { name: new RegExp(`Consent withdrawals spiked for “Newsletter ${run}”`) });
  await expect(alert).toContainText(/\d\.\d× its 8-week baseline/);
  await alert.click();
  await expect(page).toHaveURL(new RegExp(`/consent\\?purpose=${purposeId}`));
  await expect(page.getByLabel("Purpose")).toHaveValue(purposeId);
  await expect(page.getByText(/Withdrawal spike in the week of/)).toBeVisible();
  await expect(page.getByText(/^Spike\s*week of/)).toBeVisible();
  await atWidths(page, "consent-spike");
  await page.context().close();
});
