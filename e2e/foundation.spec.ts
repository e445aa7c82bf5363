import { expect, test } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { PHONE, atWidths, expectNoSidewaysScroll } from "./support/widths";
import { signIn, signInFirstTime, signOut, signedIn } from "./support/auth";
import { temporaryPasswordOf } from "./support/people";

// One fresh embedded database for the whole file: the tests build on each other, in order.
test.describe.configure({ mode: "serial" });

const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const marketer = { name: "Mo Marketer", email: "mo@example.test", password: "mo marketer passphrase" };

test("first run leads every page to /setup, which creates the first admin", async ({ page }) => {
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Steward" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "setup");

  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Work email").fill(admin.email);
  await page.getByLabel("Password").fill("too short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Use at least 12 characters.");

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("current-user")).toContainText(admin.name);
  await expect(page.getByTestId("current-user")).toContainText("Admin");
  await expect(page.getByText("Consent purposes")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "dashboard");
});

test("setup is closed once an admin exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page);
  await screenshot(page, "sign-in");
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
});

test("the admin creates a marketer", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Manage users" }).click();
  await expect(page.getByRole("heading", { name: "Users and roles" })).toBeVisible();
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Name").fill(marketer.name);
  await page.getByLabel("Email").fill(marketer.email);
  const password = page.getByLabel("Temporary password");
  await expect(password).toHaveAccessibleDescription(/temporary, and they choose their own at their first sign-in/);
  await password.fill(temporaryPasswordOf(marketer));
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Choose at least one role.");
  await page.getByRole("checkbox", { name: "Marketer" }).check();
  await page.getByRole("button", { name: "Create user" }).click();
  const row = page.getByTestId(`user-row-${marketer.email}`);
  await expect(row).toContainText(marketer.name);
  await expect(row).toContainText("Marketer");
  await expect(row).toContainText("Temporary password");
  await expectAccessible(page);
  await screenshot(page, "users");
});

test("a new user's password is temporary: their first sign-in leads to choosing their own, and nothing else is open until then", async ({ page }) => {
  const temporary = temporaryPasswordOf(marketer);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(marketer.email);
  await page.getByLabel("Password").fill(temporary);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Choose your own password" })).toBeVisible();
  await expectAccessible(page);
  expect((await page.request.get("/api/trpc/dashboard.summary")).status()).toBe(403);
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The helper goes the same way, and leaves the marketer with the password the tests know.
  await signInFirstTime(page, marketer.email, temporary, marketer.password);
  await expect(page.getByTestId("current-user")).toContainText("Marketer");
});

test("a marketer is refused admin pages in the UI and admin procedures in the API", async ({ page, playwright }) => {
  await signIn(page, marketer.email, marketer.password);
  await expect(page.getByTestId("current-user")).toContainText("Marketer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Catalog" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);

  await page.goto("/settings");
  await expect(page.getByRole("link", { name: "Manage users" })).toHaveCount(0);
  await page.goto("/settings/users");
  await expect(page.getByTestId("forbidden")).toContainText('"user:read"');
  await expectAccessible(page);
  await page.goto("/audit");
  await expect(page.getByTestId("forbidden")).toContainText('"audit:read"');

  // The server refuses, whatever the UI shows: a direct call with the marketer's own session.
  const res = await page.request.post("/api/trpc/users.create", {
    data: { json: { email: "sneaky@example.test", name: "Sneaky", password: "sneaky passphrase", roles: ["admin"] } },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.json.message).toContain('"user:manage"');

  // And with no session at all: 401.
  const anonymous = await playwright.request.newContext({ baseURL: page.url() });
  const anon = await anonymous.get("/api/trpc/users.list");
  expect(anon.status()).toBe(401);
  await anonymous.dispose();
});

test("disabling a user ends their session on the next request", async ({ browser }) => {
  const adminCtx = await browser.newContext();
  const marketerCtx = await browser.newContext();
  const adminPage = await adminCtx.newPage();
  const marketerPage = await marketerCtx.newPage();
  await signIn(marketerPage, marketer.email, marketer.password);
  await signIn(adminPage, admin.email, admin.password);

  await adminPage.goto("/settings/users");
  await adminPage.getByRole("button", { name: `Disable ${marketer.name}` }).click();
  await expect(adminPage.getByTestId(`user-row-${marketer.email}`)).toContainText("Disabled");

  await marketerPage.reload();
  await expect(marketerPage).toHaveURL(/\/sign-in/);

  // The last active admin cannot disable themselves: the button is not offered.
  await expect(adminPage.getByRole("button", { name: `Disable ${admin.name}` })).toHaveCount(0);
  await adminPage.getByRole("button", { name: `Enable ${marketer.name}` }).click();
  await expect(adminPage.getByTestId(`user-row-${marketer.email}`)).toContainText("Active");
  await adminCtx.close();
  await marketerCtx.close();
});

test("an admin sets a temporary password: the person's session ends, and they must choose their own before anything else", async ({ browser }) => {
  const temporary = "lantern orbit velvet";
  const adminPage = await signedIn(browser, admin);
  const marketerPage = await signedIn(browser, marketer);

  await adminPage.goto("/settings/users");
  await adminPage.getByRole("button", { name: `Set password for ${marketer.name}` }).click();
  const field = adminPage.getByLabel("Temporary password", { exact: true });
  await field.fill("password1234");
  await adminPage.getByRole("button", { name: "Set temporary password" }).click();
  await expect(adminPage.getByTestId("field-error")).toContainText("commonly used password");
  await expectAccessible(adminPage);
  await screenshot(adminPage, "users-temporary-password");
  await field.fill(temporary);
  await adminPage.getByRole("button", { name: "Set temporary password" }).click();
  await expect(adminPage.getByTestId("users-notice")).toContainText(`Temporary password set for ${marketer.name}. Their session has ended.`);
  await expect(adminPage.getByTestId(`user-row-${marketer.email}`)).toContainText("Temporary password");

  await marketerPage.reload();
  await expect(marketerPage).toHaveURL(/\/sign-in/);
  await marketerPage.getByLabel("Email").fill(marketer.email);
  await marketerPage.getByLabel("Password").fill(temporary);
  await marketerPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(marketerPage).toHaveURL(/\/change-password$/);
  await atWidths(marketerPage, "change-password-required");
  // The server, not only the page, holds them to it.
  const refused = await marketerPage.request.get("/api/trpc/dashboard.summary");
  expect(refused.status()).toBe(403);
  await marketerPage.goto("/catalog");
  await expect(marketerPage).toHaveURL(/\/change-password$/);

  await marketerPage.getByLabel("Current password").fill(temporary);
  await marketerPage.getByLabel("New password", { exact: true }).fill(marketer.password);
  await marketerPage.getByLabel("New password again").fill(marketer.password);
  await marketerPage.getByRole("button", { name: "Save and continue" }).click();
  await expect(marketerPage).toHaveURL(/\/$/);
  await expect(marketerPage.getByTestId("current-user")).toContainText("Marketer");

  // Changing it again from Settings needs the current password.
  await marketerPage.goto("/settings/password");
  await marketerPage.getByLabel("Current password").fill(temporary);
  await marketerPage.getByLabel("New password", { exact: true }).fill("quiet harbour ninety kites");
  await marketerPage.getByLabel("New password again").fill("quiet harbour ninety kites");
  await marketerPage.getByRole("button", { name: "Change password" }).click();
  await expect(marketerPage.getByTestId("field-error")).toHaveText("That is not your current password.");
  await atWidths(marketerPage, "change-password");
  await adminPage.context().close();
  await marketerPage.context().close();
});

test("single sign-on through a real OpenID Connect provider creates the user with mapped roles", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Test identity provider" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Username").fill("sso.steward");
  await page.getByLabel("Password").fill("any password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await expect(page.getByTestId("current-user")).toContainText("Sam Steward (SSO)");
  await expect(page.getByTestId("current-user")).toContainText("Data steward");
  await signOut(page);
});

test("a privacy officer adds, edits and retires a consent purpose; a marketer only reads", async ({ page }) => {
  const officer = { name: "Priya Privacy", email: "priya@example.test", password: "priya privacy passphrase" };
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Name").fill(officer.name);
  await page.getByLabel("Email").fill(officer.email);
  await page.getByLabel("Temporary password").fill(temporaryPasswordOf(officer));
  await page.getByRole("checkbox", { name: "Privacy officer" }).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId(`user-row-${officer.email}`)).toBeVisible();
  await signOut(page);

  await signInFirstTime(page, officer.email, temporaryPasswordOf(officer), officer.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await page
    .getByRole("link", { name: /Consent purposes/ })
    .first()
    .click();
  await expect(page.getByTestId("purpose-row-marketing.email")).toContainText("Email marketing");
  await expectAccessible(page);
  await screenshot(page, "purposes");

  await page.getByRole("button", { name: "Add purpose" }).click();
  await page.getByLabel("Key").fill("Direct Mail");
  await page.getByLabel("Name").fill("Direct mail");
  await page.getByRole("checkbox", { name: "Consent" }).check();
  await page.getByRole("button", { name: "Add purpose" }).last().click();
  await expect(page.getByTestId("field-error").first()).toContainText("lower-case letters");
  await page.getByLabel("Key").fill("marketing.direct_mail");
  await page.getByRole("button", { name: "Add purpose" }).last().click();
  const row = page.getByTestId("purpose-row-marketing.direct_mail");
  await expect(row).toContainText("Direct mail");

  await page.getByRole("button", { name: "Retire Direct mail" }).click();
  await page.getByLabel("Reason for retiring").fill("We stopped printing catalogues");
  await page.getByRole("button", { name: "Retire", exact: true }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show retired" }).check();
  await expect(row).toContainText("Retired");
  await signOut(page);

  await signIn(page, marketer.email, marketer.password);
  await page.goto("/catalog/purposes");
  await expect(page.getByTestId("purpose-row-marketing.email")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add purpose" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Retire / })).toHaveCount(0);
  await page.goto("/catalog/categories");
  await expect(page.getByText("user.contact.email", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "categories");
});

test("the admin sees the audit trail of all of this", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: /audit/i }).first()).toBeVisible();
  const events = page.getByRole("region", { name: "Audit events" });
  for (const action of ["Workspace set up", "User created", "User disabled", "Sign-in failed", "Signed in", "Consent purpose retired"]) {
    await expect(events.getByText(action, { exact: true }).first()).toBeVisible();
  }
  await expectAccessible(page);
  await screenshot(page, "audit");
});

test.describe("narrow screens", () => {
  test.use({ viewport: PHONE });

  test("pages fit a 390 px wide phone without sideways scrolling", async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    // Every main section is in sight on a phone, none hidden off the side of the navigation.
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Dashboard", "Catalog", "Reviews", "Lineage", "Policies", "Audit", "Settings"])
      await expect(nav.getByRole("link", { name: new RegExp(`^${label}`) })).toBeInViewport({ ratio: 1 });
    for (const [path, name] of [
      ["/", "dashboard"],
      ["/settings/users", "users"],
      ["/settings", "settings"],
      ["/audit", "audit"],
      ["/catalog", "catalog"],
      ["/catalog/purposes", "purposes"],
      ["/catalog/categories", "categories"],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectNoSidewaysScroll(page, path);
      await expectAccessible(page);
      await screenshot(page, name);
    }
  });
});
