import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

export { expect };
export type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";

// Every spec imports `test` from here, so every page of every test runs under the real
// Content-Security-Policy and a violation fails the test that caused it, whichever context it
// happened in (the test's `page`, or one from `browser.newContext()` as support/auth.ts makes).

/** Marks a violation in the console, where the watcher below picks it up. */
const REPORT_VIOLATIONS = () => {
  const report = (e: SecurityPolicyViolationEvent) =>
    console.error(`[csp-violation] ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
  document.addEventListener("securitypolicyviolation", report);
};
// Chromium's own message, for violations no event reaches (e.g. a page blocked from a frame).
const CHROMIUM_CSP_MESSAGE = /violates the following Content Security Policy directive|\[csp-violation\]/;

const seen: string[] = [];
const watched = new WeakSet<BrowserContext>();

async function watch(context: BrowserContext) {
  if (watched.has(context)) return;
  watched.add(context);
  await context.addInitScript(REPORT_VIOLATIONS);
  const listen = (page: import("@playwright/test").Page) =>
    page.on("console", (message) => {
      if (CHROMIUM_CSP_MESSAGE.test(message.text())) seen.push(`${page.url()}: ${message.text()}`);
    });
  context.pages().forEach(listen);
  context.on("page", listen);
}

function watchNewContexts(browser: Browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    await watch(context);
    return context;
  };
}

export const test = base.extend<{ cspGuard: void; allowedCspViolations: RegExp[] }, { cspWatcher: void }>({
  cspWatcher: [
    async ({ browser }, use) => {
      watchNewContexts(browser);
      await use();
    },
    { scope: "worker", auto: true },
  ],
  /** A test that provokes a violation on purpose names it here (`test.use`). */
  allowedCspViolations: [[], { option: true }],
  cspGuard: [
    async ({ context, allowedCspViolations }, use) => {
      await watch(context);
      // A beforeAll hook's violations are charged to the first test after it.
      await use();
      const violations = seen.splice(0).filter((v) => !allowedCspViolations.some((allowed) => allowed.test(v)));
      expect(violations, "Content-Security-Policy violations reported in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});
