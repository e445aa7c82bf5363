import { expect, test } from "./support/test";
import { expectAccessible } from "./support/a11y";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// The tests build on each other, in order, on data this file creates for itself.
test.describe.configure({ mode: "serial" });

// Unique per run, so reruns against the same database do not collide.
const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Stan Steward ${run}`, email: `stan.${run}@example.test`, password: "stan steward passphrase" };
const marketer = { name: `Mia Marketer ${run}`, email: `mia.${run}@example.test`, password: "mia marketer passphrase" };
const officer = { name: `Pia Privacy ${run}`, email: `pia.${run}@example.test`, password: "pia privacy passphrase" };

const signal = { key: `basket_value_${run}`, name: `Basket value ${run}`, id: "" };
const segment = { key: `big_baskets_${run}`, name: `Big baskets ${run}`, id: "" };
const justification = `Legal confirmed the double opt-in records for run ${run}; consent is being re-imported.`;

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(120_000);
  // Works whether or not another spec already ran first-run setup.
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);

  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...steward, roles: ["steward"] });
  await createPerson(adminPage.request, { ...marketer, roles: ["marketer"] });
  await createPerson(adminPage.request, { ...officer, roles: ["privacy_officer"] });
  await adminPage.context().close();

  const stewardPage = await signedIn(browser, steward);
  const req = stewardPage.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", { includeRetired: false });
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", { includeRetired: false });
  const emailPurposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  const source = await mutate<{ id: string }>(req, "sources.create", {
    key: `shop_${run}`,
    name: `Web shop ${run}`,
    systemType: "point_of_sale",
    owner: "Commerce team",
    jurisdictions: ["UK"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["checkout"],
  });
  signal.id = (
    await mutate<{ id: string }>(req, "signals.create", {
      key: signal.key,
      name: signal.name,
      sourceId: source.id,
      categoryId: categories.find((c) => c.key === "user.financial.transactions")!.id,
      kind: "transactional",
      fidelity: "confirmed",
      identifiability: "identified",
      valueType: "number",
      retentionDays: 730,
      consents: [{ purposeId: emailPurposeId, lawfulBasis: "consent" }],
    })
  ).id;
  await stewardPage.context().close();

  const marketerPage = await signedIn(browser, marketer);
  segment.id = (
    await mutate<{ id: string }>(marketerPage.request, "segments.create", {
      key: segment.key,
      name: segment.name,
      purposeStatement: "Thank customers with big baskets by email.",
      businessGoal: "retention",
      declaredPurposeIds: [emailPurposeId],
      channels: ["email"],
      definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 200 }] },
      refreshCadence: "daily",
      lookbackDays: 90,
      minCohortSize: 100,
      rationale: {
        assumptions: "Big baskets mean loyal customers.",
        limitations: "Basket value ignores returns.",
        expectedOutcomes: "More repeat orders within 60 days.",
      },
    })
  ).id;
  // Fully documented and consented: nothing to find yet.
  const before = await query<{ findings: unknown[] }>(marketerPage.request, "segments.byId", { id: segment.id });
  expect(before.findings).toEqual([]);
  await marketerPage.context().close();
});

test("removing email marketing from a signal is previewed, saved, and blocks the segment with a remedy; an exception covers it", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, officer);

  await page.goto(`/catalog/signals/${signal.id}`);
  await expect(page.getByRole("heading", { name: signal.name, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Edit consent provenance" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit consent provenance" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Purpose 1", { exact: true })).toHaveValue(/.+/);
  await expect(dialog.getByText("Change the purposes above")).toBeVisible();

  // Adding an unfinished row pauses the preview instead of asking the server with bad input.
  await dialog.getByRole("button", { name: "Add purpose" }).click();
  await expect(dialog.getByLabel("Purpose 2", { exact: true })).toBeFocused();
  await expect(dialog.getByLabel("Lawful basis for purpose 2")).toBeDisabled();
  await expect(dialog.getByText("Choose a purpose in every row, or remove the row.")).toBeVisible();
  await dialog.getByRole("button", { name: "Remove purpose 2" }).click();

  // The what-if: the segment that uses this signal would be blocked on email.
  await dialog.getByRole("button", { name: "Remove purpose 1 (Email marketing)" }).click();
  await expect(dialog.getByTestId("preview-summary")).toHaveText("Saving this would change the findings of 1 segment: 2 new blocking findings, none cleared.");
  const affected = dialog.getByTestId("preview-segment").filter({ hasText: segment.name });
  await expect(affected.getByTestId("preview-added")).toContainText("New (2)");
  await expect(affected).toContainText("Draft");
  await expect(affected).toContainText("Channels: Email");
  await expect(affected).toContainText("Not collected for email marketing");
  await expect(affected.getByRole("link", { name: segment.name })).toHaveAttribute("href", `/catalog/segments/${segment.id}`);
  await dialog.getByLabel("Reason for the change (optional)").fill("The checkout form no longer asks for email opt-in.");
  await atWidths(page, "consent-change-preview");

  await dialog.getByRole("button", { name: "Save consent provenance" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("consent-saved")).toHaveText("Saved; 1 segment re-evaluated, 0 active segments flagged for re-review.");

  // The segment now shows the blocking finding, why, and how to fix it.
  await page.goto(`/catalog/segments/${segment.id}`);
  const panel = page.getByTestId("findings-panel");
  const finding = panel.getByTestId("finding-purpose_not_consented");
  await expect(finding.getByRole("heading", { name: "Not collected for email marketing" })).toBeVisible();
  await expect(finding).toContainText("Blocks");
  await expect(finding).toContainText(
    "How to fix: Remove that signal from the definition, drop “Email marketing” from the declared purposes, or ask the data steward to record consent for it where the data is collected.",
  );
  await expect(finding.getByRole("link", { name: signal.name })).toHaveAttribute("href", `/catalog/signals/${signal.id}`);
  await expect(panel.getByTestId("finding-channel_needs_opt_in")).toContainText("Email needs opt-in");
  await expect(panel.getByTestId("findings-summary")).toContainText("2 blocking findings without an exception");

  // A time-boxed exception, with a justification, covers that one finding.
  await finding.getByRole("button", { name: "Grant exception: Not collected for email marketing" }).click();
  const grant = finding.getByRole("form", { name: "Grant an exception to “Not collected for email marketing”" });
  await grant.getByRole("button", { name: "Grant exception" }).click();
  await expect(grant.getByText("Justify the exception (at least 10 characters).")).toBeVisible();
  await grant.getByLabel("Justification").fill(justification);
  await expect(grant.getByLabel("Expires on")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expectAccessible(page);
  await grant.getByRole("button", { name: "Grant exception" }).click();
  await expect(finding.getByTestId("finding-exception")).toContainText(`by ${officer.name}: ${justification}`);
  await expect(finding.getByTestId("finding-exception")).toContainText("Exception until");
  await expect(finding.getByRole("button", { name: /Grant exception/ })).toHaveCount(0);
  await expect(panel.getByTestId("findings-summary")).toContainText("1 blocking finding without an exception");
  await atWidths(page, "segment-findings");

  // Putting email back is previewed as clearing both findings, not as anything new.
  await page.goto(`/catalog/signals/${signal.id}`);
  await page.getByRole("button", { name: "Edit consent provenance" }).click();
  await dialog.getByRole("button", { name: "Add purpose" }).click();
  await dialog.getByLabel("Purpose 1", { exact: true }).selectOption({ label: "Email marketing" });
  await dialog.getByLabel("Lawful basis for purpose 1").selectOption("consent");
  await expect(dialog.getByTestId("preview-summary")).toHaveText("Saving this would change the findings of 1 segment: no new blocking finding, 2 findings cleared.");
  const cleared = dialog.getByTestId("preview-segment").filter({ hasText: segment.name }).getByTestId("preview-cleared");
  await expect(cleared).toContainText("Cleared (2)");
  await expect(cleared).toContainText("Not collected for email marketing");
  await expect(cleared).toContainText("Email needs opt-in");
  await atWidths(page, "consent-change-preview-cleared");
  await page.context().close();
});

test("the dashboard counts segments per check, blocked and waived apart, and links to the blocked list", async ({ browser }) => {
  const page = await signedIn(browser, marketer);
  await page.goto("/");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Findings by policy" }) });
  await expect(card).toBeVisible();
  // Other specs share the database, so counts are at least this segment's.
  const cell = async (check: string, column: "blocked" | "waived" | "warnings") =>
    Number((await card.getByTestId(`findings-count-${check}`).getByTestId(column).textContent())?.replace("—", "0"));
  await expect(card.getByTestId("findings-count-channel_needs_opt_in")).toBeVisible();
  expect(await cell("channel_needs_opt_in", "blocked")).toBeGreaterThanOrEqual(1);
  expect(await cell("purpose_not_consented", "waived")).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("tile-drafts")).toBeVisible();
  await atWidths(page, "dashboard-findings");

  await card.getByRole("link", { name: "See blocked segments" }).click();
  await expect(page).toHaveURL(/\/catalog\/segments\?findings=blocked/);
  await expect(page.getByRole("list", { name: "Filters in force" })).toHaveText(/Findings: Blocked/);
  await page.goto(`/catalog/segments?findings=blocked&q=${segment.key}`);
  await expect(page.getByRole("link", { name: segment.name })).toBeVisible();
  await page.context().close();
});

test("privacy officers tune the policy; every change is a version with a reason", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, officer);
  await page.goto("/policies");
  await expect(page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  await expect(page.getByTestId("check-purpose_not_consented")).toContainText("Fires when a purpose the segment declares is missing");
  await expect(page.getByLabel("Email needs")).toHaveValue("marketing.email");
  await expect(page.getByLabel("Minimum reportable cohort")).toHaveValue(/^\d+$/);
  await atWidths(page, "policies");

  // Server field errors appear next to their fields; nothing is saved.
  const cohort = page.getByLabel("Minimum reportable cohort");
  const previousCohort = await cohort.inputValue();
  await cohort.fill("");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Say why you are changing the policy (at least 3 characters).")).toBeVisible();
  await expect(cohort).toHaveAttribute("aria-invalid", "true");
  await cohort.fill(previousCohort);

  // A real change, then its reversal, so the specs after this one run under the same policy.
  const severity = page.getByLabel("Severity of Missing frequency cap");
  const before = await severity.inputValue();
  const after = before === "block" ? "warn" : "block";
  await severity.selectOption(after);
  await page.getByLabel("Reason for the change").fill(`E2E ${run}: try a stricter frequency cap rule`);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy-saved")).toHaveText(/^Saved version (\d+); \d+ segments? re-evaluated\.$/);
  const version = Number((await page.getByTestId("policy-saved").textContent())!.match(/version (\d+)/)![1]);
  await expect(page.getByTestId("policy-version")).toContainText(`Version ${version}`);
  await expect(page.getByTestId(`policy-version-${version}`)).toContainText(`E2E ${run}: try a stricter frequency cap rule`);
  await expect(page.getByTestId(`policy-version-${version}`)).toContainText(officer.name);
  await expect(page.getByLabel("Severity of Missing frequency cap")).toHaveValue(after);

  await page.getByLabel("Severity of Missing frequency cap").selectOption(before);
  await page.getByLabel("Reason for the change").fill(`E2E ${run}: back to how it was`);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy-saved")).toContainText(`Saved version ${version + 1};`);
  await expect(page.getByTestId(`policy-version-${version + 1}`)).toContainText("back to how it was");
  await page.context().close();

  // Everyone else reads the policy but cannot change it.
  const reader = await signedIn(browser, marketer);
  await reader.goto("/policies");
  await expect(reader.getByText("Read only: privacy officers tune these checks.")).toBeVisible();
  await expect(reader.getByRole("button", { name: "Save policy" })).toHaveCount(0);
  await expect(reader.getByTestId("check-missing_frequency_cap")).toContainText("Missing frequency cap");
  await atWidths(reader, "policies-read-only");
  await reader.context().close();
});

test("exceptions are listed, can be revoked with a reason, and then stop covering the finding", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, officer);
  await page.goto("/policies");
  await page.getByRole("link", { name: "Exceptions" }).click();
  await expect(page).toHaveURL(/\/policies\/exceptions$/);
  await expect(page.getByRole("heading", { name: "Exceptions", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: justification });
  await expect(row).toContainText("Not collected for email marketing");
  await expect(row).toContainText(officer.name);
  await expect(row).toContainText("Active");
  await expect(row.getByRole("link", { name: segment.name })).toHaveAttribute("href", `/catalog/segments/${segment.id}`);
  await atWidths(page, "exceptions");

  await row.getByRole("button", { name: /^Revoke exception: Not collected for email marketing/ }).click();
  await row.getByLabel("Reason for revoking").fill("Consent was not re-imported after all.");
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: justification })).toHaveCount(0);

  await page.getByLabel("Status").selectOption("revoked");
  await expect(page).toHaveURL(/status=revoked/);
  await expect(page.getByRole("row").filter({ hasText: justification })).toContainText("Revoked");

  await page.goto(`/catalog/segments/${segment.id}`);
  const finding = page.getByTestId("finding-purpose_not_consented");
  await expect(finding.getByTestId("finding-exception")).toHaveCount(0);
  await expect(finding.getByRole("button", { name: "Grant exception: Not collected for email marketing" })).toBeVisible();
  await page.context().close();
});
