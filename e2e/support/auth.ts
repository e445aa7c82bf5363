import { expect, type Browser, type Cookie, type Page } from "@playwright/test";

// A person's session cookies once they have signed in, by e-mail, for the rest of this worker's
// tests. Signing in through the form costs about three seconds a time and the suite does it some
// eighty times; the form itself is tested in foundation.spec.ts, where each person's first
// sign-in goes through it. A kept session that has since ended (signed out, disabled, a new
// password) is noticed when "/" does not open, and the person signs in through the form again.
const kept = new Map<string, Cookie[]>();

export async function signIn(page: Page, email: string, password: string) {
  const cookies = kept.get(email);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto("/");
    if (new URL(page.url()).pathname === "/") return;
    kept.delete(email);
    await page.context().clearCookies();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  kept.set(email, await page.context().cookies());
}

/**
 * A person's first sign-in through the form, with the temporary password an admin gave them: they
 * land on /change-password and choose `password`, the one the test signs in with from then on.
 */
export async function signInFirstTime(page: Page, email: string, temporary: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(temporary);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/$/);
  kept.set(email, await page.context().cookies());
}

/** A page signed in as `who` in a new browser context of its own: its cookies are apart from the test's `page` (the person's session may be the kept one). */
export async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who.email, who.password);
  return page;
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Whose session it was is not known here; all kept ones are dropped rather than one left dead.
  kept.clear();
}
