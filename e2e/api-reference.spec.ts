import { execFileSync } from "node:child_process";
import { baseURL } from "../playwright.config";
import { expect, test } from "./support/test";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// Self-sufficient: works on a fresh database or after the other specs, in any order.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const marketer = { name: `Mo Marketer ${run}`, email: `mo.${run}@example.test`, password: "mo marketer passphrase" };

test.beforeAll(async ({ request, browser }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...marketer, roles: ["marketer"] });
  await adminPage.context().close();
});

test("Settings → API documents the lineage routes, and a copied curl example runs as it is", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, admin);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/settings");
  await page.getByRole("link", { name: "Open the API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();

  // The rendered reference (Swagger UI) lists every operation of the document, paths and
  // webhooks, each a disclosure button showing its method, path and summary; opening one shows
  // its description with the token scope. The gate's come first.
  const reference = page.getByTestId("api-reference");
  const doc = (await (await page.request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, object>; webhooks?: Record<string, object> };
  const operations = [...Object.values(doc.paths), ...Object.values(doc.webhooks ?? {})].flatMap((item) => Object.keys(item).filter((key) => HTTP_METHODS.includes(key)));
  await expect(reference.locator(".opblock-summary-control")).toHaveCount(operations.length, { timeout: 30_000 });
  await expect(reference.locator(".opblock-summary-control").first()).toContainText("/api/v1/segments/{key}/decision");
  for (const [method, path, summary, scope] of [
    ["GET", "/api/v1/segments/{key}/decision", "May this segment run on this channel now?", "activation:read"],
    ["POST", "/api/v1/lineage", "Report an OpenLineage run event", "lineage:write"],
    ["GET", "/api/v1/lineage", "Lineage closure of a node", "lineage:read"],
  ]) {
    const name = new RegExp(`^${method}\\s*${escapeRegExp(path!)}\\s*${escapeRegExp(summary!)}$`);
    const summaryButton = reference.getByRole("button", { name });
    await summaryButton.click();
    await expect(summaryButton).toHaveAttribute("aria-expanded", "true");
    const block = reference.locator(".opblock").filter({ has: page.getByRole("button", { name }) });
    await expect(block.getByText(`Token scope: ${scope}.`)).toBeVisible();
  }
  // Nothing offers to send requests from the page (nor asks for a token to send them with).
  await expect(reference.getByRole("button", { name: /Try it out|Execute|Authorize|Ask AI|Test Request/ })).toHaveCount(0);

  // Copy the intake example: the clipboard holds exactly the command shown.
  const example = page.getByTestId("curl-postApiV1Lineage");
  await example.getByRole("button", { name: /Copy the curl command for POST \/api\/v1\/lineage/ }).click();
  await expect(example.getByRole("status")).toHaveText("Copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await example.locator("pre").innerText());
  expect(copied).toContain(`"${baseURL}/api/v1/lineage"`);
  expect(copied).toContain('-H "Authorization: Bearer $STEWARD_TOKEN"');

  // Run as pasted, with a real token in STEWARD_TOKEN: Steward records the run.
  const { token } = await mutate<{ token: string }>(page.request, "tokens.create", { name: `curl-example-${run}`, scopes: ["lineage:write", "lineage:read"] });
  const answer = JSON.parse(execFileSync("sh", ["-c", copied], { env: { ...process.env, STEWARD_TOKEN: token } }).toString());
  expect(answer).toEqual({ job: "job:airflow/build_orders", edges: 2 });
  const closure = page.getByTestId("curl-getApiV1Lineage").locator("pre");
  const downstream = JSON.parse(execFileSync("sh", ["-c", await closure.innerText()], { env: { ...process.env, STEWARD_TOKEN: token } }).toString());
  expect(downstream.downstream.map((n: { node: string }) => n.node)).toEqual(expect.arrayContaining(["job:airflow/build_orders", "dataset:warehouse/orders"]));

  await atWidths(page, "settings-api");
  // The app follows the system's theme; the reference too, readable (axe) in the dark one.
  await page.emulateMedia({ colorScheme: "dark" });
  // Buttons ease into their new colours (transition-colors): check them once they are there.
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  await atWidths(page, "settings-api-dark");
  await page.context().close();
});

test("the tokens page links to the reference, and people who cannot manage tokens still read it", async ({ browser }) => {
  const adminPage = await signedIn(browser, admin);
  await adminPage.goto("/settings/tokens");
  await adminPage.getByRole("link", { name: "API reference" }).click();
  await expect(adminPage).toHaveURL(/\/settings\/api$/);
  await adminPage.context().close();

  const page = await signedIn(browser, marketer);
  await page.goto("/settings/api");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByText("An admin creates tokens.")).toBeVisible();
  await expect(page.getByRole("link", { name: "API tokens" })).toHaveCount(0);
  await expect(page.getByTestId("curl-getApiV1Lineage")).toBeVisible();
  await page.context().close();
});

test("the OpenAPI document is public JSON", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/lineage", "/api/v1/openapi.json"]));
  await anonymous.dispose();
});
