import { expect, type Page } from "@playwright/test";
import { expectAccessible, screenshot } from "./a11y";
import { DESKTOP, PHONE } from "./viewports";

export { PHONE };

/**
 * No sideways page scroll: wide content scrolls inside its own box instead. Polled, because right
 * after a resize some parts (the charts measure their box) are still laid out for the old width.
 */
export async function expectNoSidewaysScroll(page: Page, what = page.url()) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${what} scrolls sideways`, timeout: 3_000 }).toBeLessThanOrEqual(0);
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
