import { expect, test } from "./support/test";
import { atWidths } from "./support/widths";
import { expectAccessible } from "./support/a11y";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// The e2e server runs without STEWARD_SMTP_URL: the page must say e-mail is off, and still keep choices.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const officer = { name: `Olive Officer ${run}`, email: `olive.${run}@example.test`, password: "olive officer passphrase", roles: ["privacy_officer"] };
const auditor = { name: `Aldo Auditor ${run}`, email: `aldo.${run}@example.test`, password: "aldo auditor passphrase", roles: ["auditor"] };

test.beforeAll(async ({ browser, request }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  for (const u of [officer, auditor]) await createPerson(adminPage.request, u);
  await adminPage.context().close();
});

test("a privacy officer turns consent alerts off and on; the page says e-mail is off", async ({ browser }) => {
  const page = await signedIn(browser, officer);
  await page.goto("/settings");
  await page.getByRole("link", { name: "E-mail settings" }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await expect(page.getByRole("heading", { name: "E-mail notifications", level: 1 })).toBeVisible();
  await expect(page.getByTestId("mail-status")).toContainText("E-mail is off on this Steward");
  await expect(page.getByTestId("mail-status")).toContainText("STEWARD_SMTP_URL");

  const group = page.getByRole("group", { name: "Send me an e-mail when…" });
  const boxes = {
    awaiting: group.getByRole("checkbox", { name: "A review awaits me" }),
    decided: group.getByRole("checkbox", { name: "My request was decided" }),
    consent: group.getByRole("checkbox", { name: "Consent alerts" }),
  };
  for (const box of Object.values(boxes)) await expect(box).toBeChecked();
  await expect(boxes.consent).toHaveAccessibleDescription(/consent change blocks active segments/);
  await atWidths(page, "email-settings");

  // The boxes stay disabled until the page has hydrated, so no click is lost; and the box shows
  // the new choice as the click ends, not a tick later, so it never flicks back meanwhile.
  await expect(boxes.consent).toBeEnabled();
  expect(await boxes.consent.evaluate((box: HTMLInputElement) => (box.click(), box.checked))).toBe(false);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: “Consent alerts” e-mails are off.");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Consent alerts" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "A review awaits me" })).toBeChecked();

  // The change is in the audit trail (privacy officers read it), as the person who made it.
  const { events } = await query<{ events: Array<{ action: string; actorLabel: string; after: unknown }> }>(page.request, "audit.list", { action: "email.preference_changed" });
  expect(events.find((e) => e.actorLabel === officer.email)?.after).toEqual({ kind: "consent_alert", enabled: false });

  await page.getByRole("checkbox", { name: "Consent alerts" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: “Consent alerts” e-mails are on.");
  await page.context().close();
});

test("an auditor, who gets no e-mail, sees why instead of an empty form", async ({ browser }) => {
  const page = await signedIn(browser, auditor);
  await page.goto("/settings/notifications");
  await expect(page.getByText("Steward sends no e-mail to your roles")).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await atWidths(page, "email-settings-empty");
  await page.context().close();
});

test("a failed load shows an error with a way to try again", async ({ browser }) => {
  const page = await signedIn(browser, officer);
  await page.goto("/settings/notifications");
  const consent = page.getByRole("checkbox", { name: "Consent alerts" });
  await expect(consent).toBeChecked();
  // The first load comes with the page; after a change the list reloads over tRPC, which this test breaks.
  let broken = true;
  await page.route(/\/api\/trpc\/[^?]*email\.preferences/, (route) =>
    broken
      ? route.fulfill({
          status: 500,
          contentType: "application/json",
          body: JSON.stringify([{ error: { json: { message: "The database is not answering.", code: -32603, data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 } } } }]),
        })
      : route.fallback(),
  );
  await consent.uncheck();
  await expect(page.getByTestId("error-state")).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);
  broken = false;
  await page.getByRole("button", { name: "Try again" }).click();
  // The change itself was saved before the reload failed.
  await expect(page.getByRole("checkbox", { name: "Consent alerts" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "Consent alerts" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: “Consent alerts” e-mails are on.");
  await page.context().close();
});
