import { expect, test } from "./support/test";
import { expectAccessible } from "./support/a11y";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// Every review type can be started where it belongs; this one goes through the browser from the
// policies page to the review page. The others share its form and card (unit and integration tests).
const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const marketer = { name: `Mia Marketer ${run}`, email: `mia.${run}@example.test`, password: "mia marketer passphrase", roles: ["marketer"] };
const steward = { name: `Sol Steward ${run}`, email: `sol.${run}@example.test`, password: "sol steward passphrase", roles: ["steward"] };
const officer = { name: `Pim Officer ${run}`, email: `pim.${run}@example.test`, password: "pim officer passphrase", roles: ["privacy_officer"] };

test.beforeAll(async ({ browser, request }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, marketer);
  await createPerson(adminPage.request, steward);
  await createPerson(adminPage.request, officer);
  await adminPage.context().close();
});

test("a marketer proposes a channel rule from the policies page; its review shows the policy and the rule against what is in force", async ({ browser }) => {
  const page = await signedIn(browser, marketer);
  await page.goto("/policies");
  await page.getByRole("button", { name: "Propose a channel rule" }).click();
  const form = page.getByRole("form", { name: "Channel rule request" });
  // Checked with the type's own schema before anything is sent.
  await form.getByRole("button", { name: "Ask for review" }).click();
  await expect(form.getByText("Choose a channel.")).toBeVisible();
  await form.getByLabel("Channel").selectOption("sms");
  await form.getByLabel("Rule").selectOption("frequency_cap");
  await form.getByLabel("At most this many messages").fill("2");
  await form.getByLabel("Per this many days").fill("7");
  await form.getByLabel("Why is this needed?").fill(`Complaints about SMS volume ${run}: cap every campaign.`);
  // The form is axe-checked here; the long policies page is not screenshotted at both widths in CI.
  await expectAccessible(page);
  await form.getByRole("button", { name: "Ask for review" }).click();

  await expect(page).toHaveURL(/\/reviews\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "SMS: frequency cap" })).toBeVisible();
  await expect(page.getByRole("link", { name: "SMS: frequency cap" })).toHaveAttribute("href", "/policies");
  await expect(page.getByText(/\(consent policy, version \d+\)/)).toBeVisible();
  const row = page.getByTestId("diff-frequencyCap");
  await expect(row).toContainText("None channel-wide");
  await expect(row).toContainText("2 per 7 days");
  await expect(page.getByTestId("proposal-card")).toContainText("the policy in force does not change by itself");
  // A privacy officer has to approve a policy change too.
  await expect(page.getByTestId("request-state")).toContainText("1 data steward, 1 privacy officer");
  await atWidths(page, "channel-rule-review");
  await page.context().close();
});

test("an approved new-source request links to the source form, filled in from it, and the steward registers the source", async ({ browser }) => {
  const name = `Loyalty app ${run}`;
  const asMarketer = await signedIn(browser, marketer);
  const { id } = await mutate<{ id: string }>(asMarketer.request, "reviews.request", {
    type: "new_source",
    justification: `Points and store visits for the loyalty programme ${run}.`,
    payload: { name, systemType: "mobile_app", collects: "Points balance and store visits.", jurisdictions: ["EU", "UK"], lawfulBasis: "consent", consent: "Opt-in at sign-up in the app." },
  });
  await asMarketer.context().close();
  const asOfficer = await signedIn(browser, officer);
  await mutate(asOfficer.request, "reviews.decide", { requestId: id, decision: "approve", comment: "" });
  await asOfficer.context().close();

  const page = await signedIn(browser, steward);
  // Open, the request offers no next step yet.
  await page.goto(`/reviews/${id}`);
  await expect(page.getByTestId("proposal-card")).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveCount(0);
  await mutate(page.request, "reviews.decide", { requestId: id, decision: "approve", comment: "" });
  await page.reload();
  await expect(page.getByTestId("next-step")).toBeVisible();
  await atWidths(page, "new-source-request-next-step");
  await page.getByRole("link", { name: "Register this source (filled in from the request)" }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/sources/new\\?request=${id}$`));
  await expect(page.getByTestId("filled-from-request")).toContainText(name);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("System type")).toHaveValue("mobile_app");
  await atWidths(page, "source-form-from-request");
  await page.getByLabel("Owner").fill("Loyalty team");
  await page.getByLabel("Retention (days)").fill("365");
  await page.getByRole("button", { name: "Add data source" }).click();
  await expect(page).toHaveURL(/\/catalog\/sources\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // The request now names the source it became, in place of the step.
  await page.goto(`/reviews/${id}`);
  await expect(page.getByTestId("registered-source").getByRole("link", { name })).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveCount(0);
  await page.context().close();
});
