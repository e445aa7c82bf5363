import { expect, test, type Page } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { atPhoneWidth, expectNoSidewaysScroll } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// Self-sufficient: works on a fresh database or after the other specs, in any order.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Pia Steward ${run}`, email: `pia.${run}@example.test`, password: "pia steward passphrase" };
const source = { name: `Palette CRM ${run}`, id: "" };
const segment = { name: `Palette regulars ${run}`, id: "" };
let reviewId = "";

test.beforeAll(async ({ request, browser }) => {
  test.setTimeout(90_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...steward, roles: ["steward"] });
  await adminPage.context().close();

  const page = await signedIn(browser, steward);
  const req = page.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", {});
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", {});
  const email = purposes.find((p) => p.key === "marketing.email")!.id;
  source.id = (
    await mutate<{ id: string }>(req, "sources.create", {
      key: `palette_crm_${run}`,
      name: source.name,
      systemType: "crm",
      owner: "Loyalty team",
      jurisdictions: ["EU"],
      retentionDays: 730,
      encryptedInTransit: true,
      encryptedAtRest: true,
      pseudonymised: false,
      consentCapturePoints: ["onboarding"],
    })
  ).id;
  const signal = await mutate<{ id: string }>(req, "signals.create", {
    sourceId: source.id,
    key: `palette_visits_${run}`,
    name: `Palette visits ${run}`,
    categoryId: categories.find((c) => c.key === "user.behavior.purchase_history")!.id,
    kind: "transactional",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: "number",
    allowedValues: [],
    retentionDays: 365,
    consents: [{ purposeId: email, lawfulBasis: "consent" }],
  });
  segment.id = (
    await mutate<{ id: string }>(req, "segments.create", {
      key: `palette_regulars_${run}`,
      name: segment.name,
      purposeStatement: "Invite regulars to the members' evening.",
      businessGoal: "retention",
      declaredPurposeIds: [email],
      channels: ["email"],
      definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 3 }] },
      refreshCadence: "daily",
      lookbackDays: 90,
      minCohortSize: 100,
      rationale: { assumptions: "Regulars come back.", limitations: "Visits are undercounted.", expectedOutcomes: "More visits." },
    })
  ).id;
  reviewId = (await mutate<{ id: string }>(req, "reviews.submitSegment", { segmentId: segment.id, justification: "Ready for the members' evening." })).id;
  await page.context().close();
});

const palette = (page: Page) => page.getByRole("dialog", { name: "Jump to" });
const input = (page: Page) => palette(page).getByRole("combobox");

test("Ctrl-K opens the palette from anywhere; typing and Enter land on a page or an entity; '/' focuses the search", async ({ browser }) => {
  const page = await signedIn(browser, steward);
  const search = page.getByRole("combobox", { name: "Search the catalog" });

  // "/" goes to the search, but not while typing elsewhere.
  // Pressed again until it takes: a key pressed before hydration has no listener yet.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(search).toBeFocused({ timeout: 500 });
  }).toPass();
  await search.fill("abc/");
  await expect(search).toHaveValue("abc/");
  await search.fill("");

  // Opened from inside a text field too; Escape closes it and gives focus back.
  await page.keyboard.press("Control+k");
  await expect(palette(page)).toBeVisible();
  await expect(input(page)).toBeFocused();
  // Pages are filtered by the person's scopes: a steward may add sources, not manage users.
  await input(page).fill("users");
  await expect(palette(page)).toContainText("Nothing matches");
  await input(page).fill("new seg");
  await expect(palette(page).getByRole("option", { name: /New segment/ })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page);
  await screenshot(page, "palette");
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await expect(search).toBeFocused();

  // A page by name.
  await page.keyboard.press("Control+k");
  await input(page).fill("new seg");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/catalog\/segments\/new$/);
  await expect(palette(page)).toBeHidden();

  // An entity, found by the server's search; the arrow keys move between results.
  await page.keyboard.press("Control+k");
  await expect(input(page)).toHaveValue("");
  await input(page).fill(`Palette ${run}`);
  const results = palette(page).getByRole("option");
  await expect(results.filter({ hasText: source.name })).toBeVisible();
  await expect(results.filter({ hasText: segment.name })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(results.filter({ hasText: source.name })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/catalog/sources/${source.id}$`));
  await expect(page.getByRole("heading", { name: source.name })).toBeVisible();

  // On a phone: the header's button opens it, and it fits.
  await atPhoneWidth(page, async () => {
    await page.getByRole("button", { name: "Jump to, Ctrl K" }).click();
    await input(page).fill("lineage");
    await expect(palette(page).getByRole("option", { name: /^Lineage/ })).toBeVisible();
    const box = (await palette(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await screenshot(page, "palette");
    await expectNoSidewaysScroll(page);
    await page.keyboard.press("Escape");
  });
  await page.context().close();
});

test("the main pages pass axe in the dark theme too", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, admin);
  await page.emulateMedia({ colorScheme: "dark" });
  // A few pages that between them hold every kind of part: tiles, tables, badges, findings,
  // forms, the lineage graph (light nodes on a dark canvas) and the audit table.
  for (const path of ["/", `/catalog/segments/${segment.id}`, `/reviews/${reviewId}`, `/catalog/sources/${source.id}`, "/audit"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);
  }
  await page.context().close();
});
