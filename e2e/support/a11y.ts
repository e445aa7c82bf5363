import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import { expect, type Page } from "@playwright/test";

// axe-core itself, put into the page once per document and run there. (@axe-core/playwright's
// AxeBuilder injects the whole library into every frame on every check and then runs it in parts;
// about 2 s a check here, where this takes well under one. Steward's pages have no frames.)
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Fails on serious or critical accessibility violations of the page as it is now. */
export async function expectAccessible(page: Page) {
  // A client navigation swaps the <title> a moment after the URL; check the page once it has settled.
  await expect(page).toHaveTitle(/\S/);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(", ")}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Screenshots for people to look at: test-results/screens/<name>-<width>.png. Taken on a
 * developer's run; CI, where nobody looks at them, skips them unless E2E_SCREENSHOTS=1.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.CI && process.env.E2E_SCREENSHOTS !== "1") return;
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
}
