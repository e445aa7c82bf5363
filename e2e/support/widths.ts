import { expect, type Page } from "@playwright/test";
import { expectAccessible, screenshot } from "./a11y";
import { DESKTOP, PHONE } from "./viewports";

export { PHONE };

/** No sideways page scroll: wide content scrolls inside its own box instead. */
export async function expectNoSidewaysScroll(page: Page, what = page.url()) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Runs `check` at phone width, then goes back to desktop width, even when the check fails. */
export async function atPhoneWidth(page: Page, check: () => Promise<void>) {
  await page.setViewportSize(PHONE);
  try {
    await check();
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

/** Axe and screenshots at desktop and phone width, with no sideways page scroll on the phone. */
export async function atWidths(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, name);
  await atPhoneWidth(page, async () => {
    await expectAccessible(page);
    await screenshot(page, name);
    await expectNoSidewaysScroll(page);
  });
}
