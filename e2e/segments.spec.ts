import fs from "node:fs";
import { expect, test } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// The tests build on each other, in order, on data this file creates for itself.
test.describe.configure({ mode: "serial" });

// Unique per run, so reruns against the same database do not collide. The random tail keeps it
// apart from other specs' run ids made a minute earlier, which typo-tolerant search would
// otherwise take for the same word ("mx23kptx" finds "mx23k3tf").
const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Sam Steward ${run}`, email: `sam.${run}@example.test`, password: "sam steward passphrase" };
const marketer = { name: `Meg Marketer ${run}`, email: `meg.${run}@example.test`, password: "meg marketer passphrase" };

const orders = { key: `orders_90d_${run}`, name: `Orders in 90 days ${run}`, id: "" };
const lastOpen = { key: `last_email_open_at_${run}`, name: `Last email open ${run}`, id: "" };
const parent = { key: `newsletter_readers_${run}`, name: `Newsletter readers ${run}`, id: "" };
const segment = { key: `lapsed_big_spenders_${run}`, name: `Lapsed big spenders ${run}`, id: "" };

const sentence = (min: number) => `People where ${orders.name} is at least ${min} AND ${lastOpen.name} within the last 30 days AND members of “${parent.name}”.`;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  // Works whether or not another spec already ran first-run setup.
  const { needsSetup } = await query<{ needsSetup: boolean }>(api, "setup.status");
  if (needsSetup) await mutate(api, "setup.createFirstAdmin", admin);
  await api.dispose();

  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...steward, roles: ["steward"] });
  await createPerson(adminPage.request, { ...marketer, roles: ["marketer"] });
  await adminPage.context().close();

  const stewardPage = await signedIn(browser, steward);
  const req = stewardPage.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", { includeRetired: false });
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", { includeRetired: false });
  const purposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  const categoryId = (key: string) => categories.find((c) => c.key === key)!.id;

  const source = await mutate<{ id: string }>(req, "sources.create", {
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
  });
  const signal = { sourceId: source.id, identifiability: "identified", retentionDays: 730, consents: [{ purposeId, lawfulBasis: "consent" }] };
  orders.id = (
    await mutate<{ id: string }>(req, "signals.create", {
      ...signal,
      key: orders.key,
      name: orders.name,
      categoryId: categoryId("user.financial.transactions"),
      kind: "transactional",
      fidelity: "confirmed",
      valueType: "number",
    })
  ).id;
  lastOpen.id = (
    await mutate<{ id: string }>(req, "signals.create", {
      ...signal,
      key: lastOpen.key,
      name: lastOpen.name,
      categoryId: categoryId("user.behavior.email_engagement"),
      kind: "behavioural",
      fidelity: "observed",
      valueType: "timestamp",
    })
  ).id;
  parent.id = (
    await mutate<{ id: string }>(req, "segments.create", {
      key: parent.key,
      name: parent.name,
      purposeStatement: "People who read our newsletter recently.",
      businessGoal: "retention",
      declaredPurposeIds: [purposeId],
      channels: ["email"],
      definition: {
        type: "group",
        combinator: "and",
        children: [{ type: "condition", signalId: lastOpen.id, operator: "within_last_days", value: 365 }],
      },
    })
  ).id;
  await stewardPage.context().close();
});

test("a marketer builds a segment from two signals and a parent segment, edits it and sees the diff", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, marketer);

  // The list: search and filters live in the URL, so the view survives a reload and can be shared.
  await page.goto("/catalog/segments");
  await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill(`newsletter ${run}`);
  await expect(page).toHaveURL(/[?&]q=newsletter/);
  // The filters fold away under one button; those in force show as chips.
  const filters = page.getByRole("button", { name: /^Filters/ });
  await filters.click();
  await expect(filters).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("checkbox", { name: "Draft" }).check();
  await expect(page).toHaveURL(/status=draft/);
  await page.reload();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(`newsletter ${run}`);
  const chips = page.getByRole("list", { name: "Filters in force" });
  await expect(chips).toHaveText(/Status: Draft/);
  await expect(page.getByRole("button", { name: "Filters (1)" })).toBeVisible();
  await expect(page.getByTestId(`segment-row-${parent.key}`)).toContainText("Internal");
  await expect(page.getByTestId("segment-count")).toContainText("1–1 of 1");
  await atWidths(page, "segments-list");

  // Sorting by a column's header, and the selection's bulk actions.
  await page.getByRole("button", { name: "Updated" }).click();
  await expect(page).toHaveURL(/sort=updated-desc/);
  await expect(page.getByRole("columnheader", { name: "Updated" })).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("checkbox", { name: `Select ${parent.name}` }).check();
  const bulk = page.getByRole("toolbar", { name: "Selected segments" });
  await expect(bulk).toContainText("1 selected");
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), bulk.getByRole("button", { name: "Export selection (CSV)" }).click()]);
  const exported = fs.readFileSync((await csvDownload.path())!, "utf8").split("\r\n");
  expect(exported[0]).toBe("name,key,status,sensitivity,business_goal,channels,owner,team,blocking_findings,warnings,updated_at,link");
  expect(exported[1]).toContain(`,${parent.key},Draft,Internal,`);
  // The server checks what it is sent: too short a justification is refused, nothing submitted.
  await bulk.getByRole("button", { name: "Submit for approval (1)" }).click();
  await page.getByLabel(/Why this segment is needed/).fill("soon");
  await page.getByRole("button", { name: "Submit 1" }).click();
  await expect(page.getByText("Explain why (at least 10 characters).")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId(`segment-row-${parent.key}`)).toContainText("Draft");
  await screenshot(page, "segments-list-selection");

  await chips.getByRole("button", { name: "Remove filter Status: Draft" }).click();
  await expect(page).not.toHaveURL(/status=draft/);
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.getByRole("checkbox", { name: "Active" }).check();
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByText("No segments match this search and these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(page).toHaveURL(/\/catalog\/segments$/);

  // The editor.
  await page.getByRole("link", { name: "New segment" }).click();
  await expect(page.getByRole("heading", { name: "New segment", level: 1 })).toBeVisible();
  // Saving too early: the server's messages appear next to the fields and at the rules.
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByTestId("definition-error")).toHaveText("Choose a signal.");
  await expect(page.getByText("Choose a business goal.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Key", { exact: true }).fill(segment.key);
  await page.getByLabel("Name", { exact: true }).fill(segment.name);
  await page.getByLabel("Description", { exact: true }).fill("Big spenders who still read our emails.");
  await page.getByLabel("Purpose statement").fill("Win back customers who spent a lot but stopped ordering.");
  await page.getByLabel("Business goal").selectOption({ label: "Reactivation" });

  // One combobox per signal: found by its key (mouse), then by its name (keyboard).
  const first = page.getByRole("combobox", { name: "Signal for condition 1" });
  await first.fill(orders.key);
  await page.getByRole("option").filter({ hasText: orders.name }).click();
  await expect(first).toHaveValue(orders.name);
  await page.getByLabel("Operator for condition 1").selectOption({ label: "at least" });
  await page.getByLabel("Value for condition 1").fill("3");
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  const second = page.getByRole("combobox", { name: "Signal for condition 2" });
  await second.fill(lastOpen.name);
  await expect(page.getByRole("listbox", { name: "Signals for condition 2" }).getByRole("option")).toHaveText([new RegExp(lastOpen.key)]);
  await second.press("ArrowDown");
  await second.press("Enter");
  await expect(second).toHaveValue(lastOpen.name);
  await expect(page.getByLabel("Operator for condition 2")).toHaveValue("within_last_days");
  await page.getByLabel("Days for condition 2").fill("30");
  await page.getByRole("button", { name: "Add segment", exact: true }).click();
  await page.getByLabel("Find segment for segment rule 1").fill(parent.name);
  await page.getByLabel("Segment for segment rule 1", { exact: true }).selectOption(parent.id);
  // Nested groups: their repeated controls get names of their own.
  await page.getByRole("button", { name: "Add group", exact: true }).click();
  await page.getByRole("button", { name: "Add condition to group 2" }).click();
  await expect(page.getByLabel("Signal for condition 3", { exact: true })).toBeVisible();
  const combine = page.getByRole("radiogroup", { name: "How to combine the rules of group 2" });
  await combine.getByText("Any of").click();
  await expect(combine.getByRole("radio", { name: "Any of" })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Remove group 2" }).click();
  await expect(page.getByLabel("Signal for condition 3", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("sentence-preview")).toHaveText(sentence(3));
  await expect(page.getByTestId("derived-sensitivity")).toContainText("Confidential");

  // The live consent check: a purpose the inputs were not collected for is marked, with the
  // signals to blame; declaring it adds a blocking finding to the side panel until it is unticked.
  const panel = page.getByTestId("draft-findings");
  await expect(panel.getByTestId("draft-finding-undocumented")).toBeVisible();
  const sms = page.getByRole("checkbox", { name: "SMS marketing" });
  await expect(sms).toHaveAccessibleDescription(new RegExp(`Not collected for it: “${lastOpen.name}”, “${orders.name}”`));
  await sms.check();
  await expect(panel.getByTestId("draft-finding-purpose_not_consented")).toContainText("Not collected for sms marketing");
  await expect(sms).toHaveAccessibleDescription(/Declared anyway, so the consent check reports it/);
  await panel.screenshot({ path: "test-results/screens/segment-editor-consent-check.png" });
  await sms.uncheck();
  await expect(panel.getByTestId("draft-finding-purpose_not_consented")).toHaveCount(0);

  await page.getByRole("checkbox", { name: "Email marketing" }).check();
  await page.getByRole("checkbox", { name: "Email", exact: true }).check();
  await page.getByLabel("Email: messages").fill("2");
  await page.getByLabel("Email: per days").fill("7");
  await page.getByLabel("Refresh cadence").selectOption({ label: "Daily" });
  await page.getByLabel("Lookback window (days)").fill("90");
  await page.getByLabel("Minimum reportable cohort").fill("100");
  await page.getByLabel("Re-certify by").fill("2030-01-31");
  await page.getByLabel("Assumptions").fill("Spend in the last 90 days predicts value.");
  await page.getByLabel("Limitations").fill("Ignores in-store purchases.");
  await page.getByLabel("Expected outcomes").fill("5% of them order again within a month.");
  await page.getByLabel("Team").fill("CRM marketing");
  await page.getByLabel("Tags").fill("Loyalty, win-back");
  await expect(page.getByLabel("Owner")).toBeDisabled();
  await expect(page.getByTestId("date-shown")).toHaveText("31 Jan 2030 (UTC)");
  await expect(panel.getByTestId("draft-findings-summary")).toHaveText("No findings: every check passes so far.");
  await atWidths(page, "segment-editor");

  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/catalog\/segments\/[0-9a-f-]{36}$/);
  segment.id = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: segment.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("segment-sentence")).toHaveText(sentence(3));
  await expect(page.getByTestId("segment-sensitivity")).toContainText("Confidential");
  await expect(page.getByText("Email (at most 2 per 7 days)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit history" })).toHaveAttribute("href", `/audit?entityType=segment&entityId=${segment.id}`);
  await atWidths(page, "segment-overview");

  await page.getByRole("tab", { name: "Inputs" }).click();
  await expect(page).toHaveURL(/tab=inputs/);
  const ordersRow = page.getByTestId(`input-signal-${orders.key}`);
  await expect(ordersRow).toContainText("Email marketing — Consent");
  await expect(ordersRow).toContainText("Transactions");
  await expect(ordersRow.getByRole("link", { name: orders.name })).toHaveAttribute("href", `/catalog/signals/${orders.id}`);
  await expect(ordersRow.getByRole("link", { name: `CRM ${run}` })).toHaveAttribute("href", /\/catalog\/sources\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("parent-segments")).toContainText("Included");
  await expect(page.getByTestId("parent-segments").getByRole("link", { name: parent.name })).toHaveAttribute("href", `/catalog/segments/${parent.id}`);
  await atWidths(page, "segment-inputs");

  // Edit: a new version with a stricter rule and a raised sensitivity.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Edit segment", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Value for condition 1")).toHaveValue("3");
  await page.getByLabel("Value for condition 1").fill("5");
  await expect(page.getByTestId("sentence-preview")).toHaveText(sentence(5));
  await page.getByLabel("Raised sensitivity").selectOption("restricted");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/segments/${segment.id}$`));
  await expect(page.getByTestId("segment-sentence")).toHaveText(sentence(5));
  await expect(page.getByTestId("segment-sensitivity")).toContainText("Restricted");
  await expect(page.getByTestId("segment-sensitivity")).toContainText("derived: Confidential");

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("version-row-2")).toContainText("Definition");
  await expect(page.getByTestId("version-row-2")).toContainText("Raised sensitivity");
  await expect(page.getByTestId("version-row-1")).toContainText("Created");
  await expect(page.getByLabel("From version", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("To version", { exact: true })).toHaveValue("2");
  const def = page.getByTestId("diff-definition");
  await expect(def).toContainText(sentence(3));
  await expect(def).toContainText(sentence(5));
  await expect(page.getByTestId("diff-sensitivityOverride")).toContainText("Restricted");
  await atWidths(page, "segment-history");

  // The marketer may not edit a segment someone else owns: no Edit link.
  await page.goto(`/catalog/segments/${parent.id}`);
  await expect(page.getByRole("heading", { name: parent.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await page.getByRole("tab", { name: "Inputs" }).click();
  await expect(page.getByTestId("used-by")).toContainText(segment.name);
  await page.context().close();
});

test("a save on top of a newer version is refused with a conflict and a reload", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await signedIn(browser, marketer);
  const second = await signedIn(browser, marketer);
  for (const p of [first, second]) {
    await p.goto(`/catalog/segments/${segment.id}/edit`);
    await expect(p.getByText("Editing version 2 of")).toBeVisible();
  }

  await first.getByLabel("Description", { exact: true }).fill("Changed in the first tab.");
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first).toHaveURL(new RegExp(`/catalog/segments/${segment.id}$`));
  await expect(first.getByText("Changed in the first tab.")).toBeVisible();

  await second.getByLabel("Description", { exact: true }).fill("Changed in the second tab.");
  await second.getByRole("button", { name: "Save changes" }).click();
  const alert = second.getByTestId("conflict-alert");
  await expect(alert).toContainText(`${marketer.name} saved version 3 of this segment after you started editing version 2`);
  await expect(alert).toContainText("Your unsaved changes here will be lost");
  await expect(second.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await expectAccessible(second);
  await screenshot(second, "segment-conflict");

  await second.getByRole("button", { name: "Reload latest version" }).click();
  await expect(second.getByText("Editing version 3 of")).toBeVisible();
  await expect(second.getByTestId("conflict-alert")).toHaveCount(0);
  await expect(second.getByLabel("Description", { exact: true })).toHaveValue("Changed in the first tab.");
  await second.getByLabel("Description", { exact: true }).fill("Changed in the second tab, after reloading.");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second).toHaveURL(new RegExp(`/catalog/segments/${segment.id}$`));
  await expect(second.getByText("Changed in the second tab, after reloading.")).toBeVisible();
  await first.context().close();
  await second.context().close();
});
