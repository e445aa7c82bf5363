import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { PHONE, expectNoSidewaysScroll } from "./support/widths";
import { signIn, signInFirstTime, signOut } from "./support/auth";
import { temporaryPasswordOf } from "./support/people";

// Runs after foundation.spec.ts (playwright.config.ts makes it depend on it), but needs nothing
// from it: on a fresh database it creates the first admin itself, with the same credentials.
test.describe.configure({ mode: "serial" });

const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const auditor = { name: "Avery Auditor", email: "avery.auditor@example.test", password: "avery auditor passphrase" };
const FORMULA = /^[=+\-@\t\r]/;

async function ensureFirstAdmin(page: Page) {
  await page.goto("/setup");
  if (!/\/setup$/.test(page.url())) return;
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Work email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);
}

async function createUser(page: Page, user: typeof auditor, role: string) {
  await page.goto("/settings/users");
  if ((await page.getByTestId(`user-row-${user.email}`).count()) > 0) return;
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Temporary password").fill(temporaryPasswordOf(user));
  await page.getByRole("checkbox", { name: role }).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId(`user-row-${user.email}`)).toBeVisible();
  // What the person does at first sign-in, in a browser of their own, so later tests know their password.
  const theirs = await page.context().browser()!.newContext();
  await signInFirstTime(await theirs.newPage(), user.email, temporaryPasswordOf(user), user.password);
  await theirs.close();
}

test("an admin adds an auditor; the user's row links to its audit history with a field-level diff", async ({ page }) => {
  await ensureFirstAdmin(page);
  await signIn(page, admin.email, admin.password);
  await createUser(page, auditor, "Auditor");
  await page.getByRole("link", { name: `Audit history of ${auditor.name}` }).click();
  await expect(page).toHaveURL(/\/audit\?entityType=user&entityId=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("entity-banner")).toContainText(`History of user ${auditor.name}`);
  await expect(page.getByLabel("Entity ID")).toHaveValue(/[0-9a-f-]{36}/);
  // People read a label, names and links; the raw values stay in the details.
  const events = page.getByRole("region", { name: "Audit events" });
  const created = events.locator("tbody tr").filter({ has: page.getByTestId("audit-action").getByText("User created", { exact: true }) });
  await expect(created).toHaveCount(1);
  await expect(created.getByRole("link", { name: auditor.name, exact: true })).toHaveAttribute("href", "/settings/users");
  await expect(created).toContainText(admin.name); // the actor, by name
  await expect(events.getByText("user.created", { exact: true })).toHaveCount(0);
  await created.getByRole("button", { name: /^Show details of event/ }).click();
  await expect(page.getByTestId("audit-raw").getByText("user.created", { exact: true })).toBeVisible();
  const diff = page.getByRole("region", { name: /^Changes in event/ });
  await expect(diff.getByRole("rowheader", { name: "email" })).toBeVisible();
  await expect(diff.locator('tr[data-change="added"]').filter({ hasText: auditor.email })).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, "audit-entity");
  // Purposes link to their history as well.
  await page.goto("/catalog/purposes");
  await expect(page.getByRole("link", { name: /^Audit history of / }).first()).toBeVisible();
});

test("an auditor filters the trail, downloads a CSV with progress, and it parses and matches its manifest", async ({ page }) => {
  await signIn(page, auditor.email, auditor.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await page.getByLabel("Action").selectOption("user.created");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=user\.created/);
  const shown = page.getByRole("region", { name: "Audit events" }).locator("tbody tr");
  await expect(shown.first()).toBeVisible();

  await page.getByRole("radio", { name: /CSV/ }).check();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Create and download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^steward-audit-[0-9a-f-]{36}\.csv$/);
  await expect(page.getByTestId("export-done")).toContainText("Downloaded");

  const rows = parse(fs.readFileSync(await download.path(), "utf8"), { record_delimiter: "\r\n" }) as string[][];
  const [header, ...records] = rows;
  expect(header).toEqual([
    "seq",
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "entity_type",
    "entity_id",
    "before",
    "after",
    "reason",
    "request_id",
    "ip",
    "user_agent",
    "hash_version",
    "prev_hash",
    "hash",
  ]);
  expect(records.length).toBeGreaterThanOrEqual(1); // the auditor, at least
  for (const r of records) {
    expect(r[5]).toBe("user.created");
    expect(r[14]).toBe("2");
    expect(r[16]).toMatch(/^[0-9a-f]{64}$/);
    for (const cell of r) expect(FORMULA.test(cell)).toBe(false);
  }
  expect(records.some((r) => r[9]!.includes(auditor.email))).toBe(true);

  // The manifest says what the file holds.
  const id = download.suggestedFilename().slice("steward-audit-".length, -".csv".length);
  await expect(page.getByTestId(`export-row-${id}`)).toContainText(String(records.length));
  const manifest = await (await page.request.get(`/api/audit/exports/${id}/manifest`)).json();
  expect(manifest).toMatchObject({ row_count: records.length, filters: { action: "user.created" }, file_format: "csv" });
  expect(manifest.last_row).toEqual({ seq: Number(records.at(-1)![0]), hash: records.at(-1)![16] });

  // Creating the export was audited; downloading it was not.
  await page.goto("/audit?action=audit.exported");
  await expect(page.getByRole("region", { name: "Audit events" }).locator("tbody tr")).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, "audit-export");
});

test("the download route checks the session itself: 401 signed out, 403 without audit:export", async ({ page, playwright, baseURL }) => {
  await signIn(page, auditor.email, auditor.password);
  await page.goto("/audit");
  const href = await page
    .getByRole("link", { name: /^Direct link/ })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/api\/audit\/exports\//);
  expect((await page.request.get(href!)).status()).toBe(200);

  const anonymous = await playwright.request.newContext({ baseURL });
  const anon = await anonymous.get(href!);
  expect(anon.status()).toBe(401);
  await anonymous.dispose();

  await signOut(page);
  await signIn(page, admin.email, admin.password); // admins read the trail but do not export it
  const refused = await page.request.get(href!);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toContain('"audit:export"');
});

test("an auditor verifies the chain, signs a checkpoint, and verifies against it", async ({ page }) => {
  await signIn(page, auditor.email, auditor.password);
  await page.goto("/audit");
  await page.getByRole("link", { name: "Verify the chain" }).click();
  await expect(page.getByRole("heading", { name: "Verify the audit trail" })).toBeVisible();
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("The audit trail is intact.");
  await expectAccessible(page);
  await screenshot(page, "audit-verify");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Verify and download a signed checkpoint" }).click();
  const checkpoint = await downloading;
  const file = await checkpoint.path();
  expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ format: "steward-audit-checkpoint/1", algorithm: "HMAC-SHA256" });

  await page.getByLabel("Checkpoint file (optional)").setInputFiles(file);
  await page.getByRole("button", { name: "Verify against the checkpoint" }).click();
  await expect(page.getByTestId("verify-checkpoint")).toContainText("matches.");
  await expect(page.getByTestId("verify-result")).toContainText("The audit trail is intact.");
});

test.describe("narrow screens", () => {
  test.use({ viewport: PHONE });

  test("the audit pages fit a 390 px wide phone", async ({ page }) => {
    await signIn(page, auditor.email, auditor.password);
    for (const [path, name] of [
      ["/audit", "audit-explorer"],
      ["/audit/verify", "audit-verify"],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path === "/audit/verify") {
        await page.getByRole("button", { name: "Verify now" }).click();
        await expect(page.getByTestId("verify-result")).toBeVisible();
      }
      await expectNoSidewaysScroll(page, path);
      await expectAccessible(page);
      await screenshot(page, name);
    }
  });
});
