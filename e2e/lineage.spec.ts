import fs from "node:fs";
import { expect, test, type Page } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { atPhoneWidth, atWidths, expectNoSidewaysScroll } from "./support/widths";
import { signIn, signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { flowCentre, onScreen, viewportSettled, zoomUntil } from "./support/flow";
import { createPerson } from "./support/people";

// Self-sufficient: works on a fresh database or after the other specs, in any order.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Lin Steward ${run}`, email: `lin.${run}@example.test`, password: "lin steward passphrase" };
const source = { name: `Loyalty CRM ${run}`, id: "" };
const signal = { name: `Points balance ${run}`, id: "" };
const parent = { name: `Loyal members ${run}`, id: "" };
const child = { name: `Loyal members EU ${run}`, id: "" };
let purposeId = "";

const graphNode = (page: Page, node: string) => page.locator(`.react-flow__node[data-id="${node}"]`);
const drawn = (page: Page) => expect(page.getByTestId("lineage-graph")).toHaveAttribute("data-state", "drawn", { timeout: 20_000 });

test.beforeAll(async ({ request, browser }) => {
  test.setTimeout(120_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);

  const adminPage = await signedIn(browser, admin);
  await createPerson(adminPage.request, { ...steward, roles: ["steward"] });
  await adminPage.context().close();

  const page = await signedIn(browser, steward);
  const req = page.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", {});
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", {});
  purposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  source.id = (
    await mutate<{ id: string }>(req, "sources.create", {
      key: `loyalty_crm_${run}`,
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
  signal.id = (
    await mutate<{ id: string }>(req, "signals.create", {
      sourceId: source.id,
      key: `points_balance_${run}`,
      name: signal.name,
      categoryId: categories.find((c) => c.key === "user.financial.transactions")!.id,
      kind: "transactional",
      fidelity: "confirmed",
      identifiability: "identified",
      valueType: "number",
      retentionDays: 730,
      consents: [{ purposeId, lawfulBasis: "consent" }],
    })
  ).id;
  const segment = (key: string, name: string, node: unknown) =>
    mutate<{ id: string }>(req, "segments.create", {
      key,
      name,
      purposeStatement: "Reward our most loyal members.",
      businessGoal: "retention",
      declaredPurposeIds: [purposeId],
      channels: ["email"],
      definition: { type: "group", combinator: "and", children: [node] },
    });
  parent.id = (await segment(`loyal_${run}`, parent.name, { type: "condition", signalId: signal.id, operator: "gte", value: 1000 })).id;
  child.id = (await segment(`loyal_eu_${run}`, child.name, { type: "segment", segmentId: parent.id, mode: "include" })).id;
  await page.context().close();
});

test.beforeEach(async ({ page }) => {
  await signIn(page, steward.email, steward.password);
});

test("a segment's lineage shows where its data comes from, back to consent, and opens a node", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/lineage?node=segment:${child.id}`);
  await expect(page.getByRole("heading", { name: "Lineage", level: 1 })).toBeVisible();
  await drawn(page);
  await expect(page.getByTestId("lineage-graph")).not.toHaveAttribute("data-layout", "fallback");
  await expect(page.getByRole("region", { name: `Lineage graph of ${child.name}` })).toBeVisible();
  for (const n of [`segment:${child.id}`, `segment:${parent.id}`, `signal:${signal.id}`, `source:${source.id}`, `purpose:${purposeId}`, "channel:email"]) {
    await expect(graphNode(page, n)).toBeVisible();
  }
  for (const [from, to] of [
    [`purpose:${purposeId}`, `signal:${signal.id}`],
    [`source:${source.id}`, `signal:${signal.id}`],
    [`signal:${signal.id}`, `segment:${parent.id}`],
    [`segment:${parent.id}`, `segment:${child.id}`],
    [`segment:${child.id}`, "channel:email"],
  ]) {
    await expect(page.locator(`.react-flow__edge[data-id="${from}>${to}"]`)).toHaveCount(1);
  }

  // The path to consent: purpose → signal → parent → child, lit; the source and channel dimmed.
  await graphNode(page, `segment:${child.id}`).click();
  const panel = page.getByTestId("lineage-panel");
  await expect(panel.getByRole("heading", { name: child.name })).toBeVisible();
  await panel.getByRole("button", { name: "Show path to consent origins" }).click();
  await expect(panel).toContainText("Highlighted: 4 nodes on the paths from 1 consent purpose.");
  await expect(graphNode(page, `source:${source.id}`).locator("> div")).toHaveClass(/opacity-25/);
  await expect(graphNode(page, `signal:${signal.id}`).locator("> div")).not.toHaveClass(/opacity-25/);
  await panel.getByRole("button", { name: "Clear highlight" }).click();

  await expectAccessible(page);
  await screenshot(page, "lineage");

  // The text alternative holds the same graph.
  await page.getByText(/^List view: 6 nodes, \d+ edges$/).click();
  await expect(page.getByRole("region", { name: "Nodes" }).getByRole("row")).toHaveCount(7);
  await expect(page.getByRole("region", { name: "Edges" }).getByRole("row", { name: `${signal.name} ${parent.name}` })).toBeVisible();
  await expectAccessible(page);

  // Phone width: no sideways page scroll; the graph and its controls still work.
  await atPhoneWidth(page, async () => {
    // A phone reads the graph top to bottom: each hop a row further down, so a chain fits the width.
    await expect(page.getByTestId("lineage-graph")).toHaveAttribute("data-reads", "down");
    await page.getByRole("button", { name: "Fit to view" }).click();
    await viewportSettled(page);
    const parentBox = (await graphNode(page, `segment:${parent.id}`).boundingBox())!;
    const childBox = (await graphNode(page, `segment:${child.id}`).boundingBox())!;
    expect(childBox.y).toBeGreaterThanOrEqual(parentBox.y + parentBox.height);
    await expectAccessible(page);
    await screenshot(page, "lineage");
    await expectNoSidewaysScroll(page);
  });

  // A click selects; "Open" goes to the node's page.
  await graphNode(page, `source:${source.id}`).click();
  await expect(panel.getByRole("heading", { name: source.name })).toBeVisible();
  await panel.getByRole("link", { name: `Open ${source.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/sources/${source.id}$`));
});

test("from a segment's own page: its Lineage tab, click through to its source, whose page shows what the source feeds", async ({ page }) => {
  await page.goto(`/catalog/segments/${parent.id}`);
  await page.getByRole("tab", { name: "Lineage" }).click();
  await drawn(page);
  await expect(graphNode(page, `signal:${signal.id}`)).toBeVisible();
  await expect(graphNode(page, `source:${source.id}`)).toBeVisible();
  // Double-click opens a node's page.
  await graphNode(page, `source:${source.id}`).dblclick();
  await expect(page).toHaveURL(new RegExp(`/catalog/sources/${source.id}$`));
  await expect(page.getByRole("heading", { name: source.name, level: 1 })).toBeVisible();
  await drawn(page);
  for (const n of [`source:${source.id}`, `signal:${signal.id}`, `segment:${parent.id}`, `segment:${child.id}`, "channel:email"]) await expect(graphNode(page, n)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "lineage-source-page");
  // And on to the signal's page, whose graph runs both ways.
  await graphNode(page, `signal:${signal.id}`).dblclick();
  await expect(page).toHaveURL(new RegExp(`/catalog/signals/${signal.id}$`));
  await drawn(page);
  await expect(graphNode(page, `purpose:${purposeId}`)).toBeVisible();
  await expect(graphNode(page, `segment:${parent.id}`)).toBeVisible();
});

test("direction, depth and expansion change what is shown; the view stays in the URL", async ({ page }) => {
  await page.goto(`/lineage?node=segment:${child.id}`);
  await drawn(page);
  await page.getByLabel("Direction").selectOption("upstream");
  await page.getByLabel("Depth").selectOption("1");
  await expect(page).toHaveURL(/direction=upstream&depth=1/);
  await drawn(page);
  await expect(graphNode(page, `segment:${parent.id}`)).toBeVisible();
  await expect(graphNode(page, `signal:${signal.id}`)).toHaveCount(0);
  await expect(page.getByTestId("lineage-partial")).toContainText("Showing the first 2 nodes");

  await graphNode(page, `segment:${parent.id}`).click();
  await page.getByTestId("lineage-panel").getByRole("button", { name: "Expand one hop" }).click();
  await drawn(page);
  await expect(graphNode(page, `signal:${signal.id}`)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Direction")).toHaveValue("upstream");
  await expect(page.getByLabel("Depth")).toHaveValue("1");
});

test("impact analysis: choose a source, see the segments and channels it feeds, download them as CSV", async ({ page }) => {
  await page.goto("/lineage");
  await expect(page.getByText("Choose where to start")).toBeVisible();
  await page.getByLabel("Start from a segment, signal, data source or consent purpose").fill(source.name);
  await page.getByRole("button", { name: source.name }).click();
  await expect(page).toHaveURL(new RegExp(`node=source%3A${source.id}`));
  await drawn(page);
  const impact = page.getByTestId("impact-panel");
  await expect(impact).toContainText("2 segments and 1 channel affected.");
  // No activation tool has asked the gate about them: nothing will start being denied.
  await expect(impact.getByTestId("impact-tools")).toHaveText("Activation tools: none used these segments in the last 30 days.");
  await expect(impact.getByRole("link", { name: child.name })).toHaveAttribute("href", `/catalog/segments/${child.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), impact.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`impact-loyalty-crm-${run}.csv`);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("affected,name,id,status,hops,sensitivity,link,affected_by,tools_to_be_denied");
  expect(lines.filter((l) => l.startsWith("segment,"))).toHaveLength(2);
  expect(lines).toContainEqual(expect.stringContaining(`segment,${child.name},${child.id},draft,3,`));
  expect(csv).toContain(`channel,Email,email,,`);
  await expect(impact.getByRole("row", { name: new RegExp(child.name) })).toContainText("Draft");
  await expectAccessible(page);
  await screenshot(page, "lineage-impact");
});

test("a node with no lineage says so, and a node nobody has named is not found", async ({ page }) => {
  const lonely = await mutate<{ id: string }>(page.request, "sources.create", {
    key: `lonely_${run}`,
    name: `Lonely source ${run}`,
    systemType: "crm",
    owner: "Nobody yet",
    jurisdictions: ["EU"],
    retentionDays: 30,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["onboarding"],
  });
  await page.goto(`/lineage?node=source:${lonely.id}`);
  await expect(page.getByText("No lineage yet")).toBeVisible();
  await page.goto("/lineage?node=dataset:e2e/nothing_here");
  await expect(page.getByText("No lineage is recorded for dataset:e2e/nothing_here.")).toBeVisible();
});

test("a steward maps a pipeline dataset onto a signal, sees the job in the signal's lineage, and unmaps it", async ({ browser, playwright, baseURL, page }) => {
  // A pipeline reports a run with a write token an admin made.
  const adminPage = await signedIn(browser, admin);
  const { token } = await mutate<{ token: string }>(adminPage.request, "tokens.create", { name: `dbt-${run}`, scopes: ["lineage:write"] });
  const marketer = { name: `Mia Marketer ${run}`, email: `mia.${run}@example.test`, password: "mia marketer passphrase" };
  await createPerson(adminPage.request, { ...marketer, roles: ["marketer"] });
  await adminPage.context().close();
  const pipeline = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const posted = await pipeline.post("/api/v1/lineage", {
    data: {
      eventType: "COMPLETE",
      eventTime: "2026-11-29T06:00:00Z",
      run: { runId: "3f2a8c1e-5b7d-4e9f-a1c3-0d2b4f6e8a9c" },
      job: { namespace: "dbt", name: `points_rollup_${run}` },
      inputs: [{ namespace: "warehouse", name: `crm_points_${run}` }],
      outputs: [{ namespace: "warehouse", name: `points_daily_${run}` }],
      producer: "https://github.com/dbt-labs/dbt-core",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    },
  });
  expect(posted.status()).toBe(201);
  await pipeline.dispose();

  await page.goto("/lineage");
  await page.getByRole("link", { name: "Pipeline datasets" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline datasets" })).toBeVisible();
  await page.getByLabel("Find a dataset").fill(`points_daily_${run}`);
  const row = page.getByRole("row", { name: new RegExp(`points_daily_${run}`) });
  await expect(row).toContainText("Not mapped");
  await row.getByRole("button", { name: `Map points_daily_${run}` }).click();
  const picker = page.getByTestId("map-dataset");
  await picker.getByLabel(`Map points_daily_${run} onto a data source or signal`).fill(signal.name);
  await picker.getByRole("button", { name: signal.name }).click();
  await expect(row).toContainText(`Signal: ${signal.name}`);
  await atWidths(page, "lineage-datasets");

  // The job that writes the dataset now feeds the signal.
  await row.getByRole("link", { name: `Lineage of points_daily_${run}` }).click();
  await expect(page).toHaveURL(new RegExp(`node=signal%3A${signal.id}`));
  await drawn(page);
  await expect(graphNode(page, `job:dbt/points_rollup_${run}`)).toBeVisible();

  // A marketer sees the mapping but is not offered to change it.
  const marketerPage = await signedIn(browser, marketer);
  await marketerPage.goto("/lineage/datasets");
  await marketerPage.getByLabel("Find a dataset").fill(`points_daily_${run}`);
  await expect(marketerPage.getByRole("row", { name: new RegExp(`points_daily_${run}`) })).toContainText(signal.name);
  await expect(marketerPage.getByRole("button", { name: /Map|Unmap/ })).toHaveCount(0);
  const refused = await marketerPage.request.post("/api/trpc/lineage.unmapDataset", { data: { json: { namespace: "warehouse", name: `points_daily_${run}` } } });
  expect(refused.status()).toBe(403);
  await marketerPage.context().close();

  await page.goto("/lineage/datasets");
  await page.getByLabel("Find a dataset").fill(`points_daily_${run}`);
  await row.getByRole("button", { name: `Unmap points_daily_${run}` }).click();
  await expect(row).toContainText("Not mapped");
  await page.goto(`/lineage?node=${encodeURIComponent(`dataset:warehouse/points_daily_${run}`)}&direction=upstream`);
  await drawn(page);
  await expect(graphNode(page, `job:dbt/points_rollup_${run}`)).toBeVisible();
});

test("a graph of 400 nodes fitted to view is drawn as an overview whose boxes name, select and open their nodes; zooming in brings the nodes back", async ({
  browser,
  playwright,
  baseURL,
  page,
}) => {
  test.setTimeout(120_000);
  const adminPage = await signedIn(browser, admin);
  const { token } = await mutate<{ token: string }>(adminPage.request, "tokens.create", { name: `fanout-${run}`, scopes: ["lineage:write"] });
  await adminPage.context().close();
  // hub → 7 jobs → 49 datasets → 49 jobs → 294 datasets: 400 nodes within 4 hops.
  const pipeline = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const ds = (name: string) => ({ namespace: "fanout", name: `${name}_${run}` });
  const event = (job: string, input: string, outputs: string[]) => ({
    eventType: "COMPLETE",
    eventTime: "2026-11-29T06:00:00Z",
    run: { runId: crypto.randomUUID() },
    job: { namespace: "fanout", name: `${job}_${run}` },
    inputs: [ds(input)],
    outputs: outputs.map(ds),
    producer: "https://example.test/e2e",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const events = range(7).flatMap((i) => [
    event(
      `split_${i}`,
      "hub",
      range(7).map((j) => `part_${i}_${j}`),
    ),
    ...range(7).map((j) =>
      event(
        `spread_${i}_${j}`,
        `part_${i}_${j}`,
        range(6).map((k) => `leaf_${i}_${j}_${k}`),
      ),
    ),
  ]);
  for (const e of events) expect((await pipeline.post("/api/v1/lineage", { data: e })).status()).toBe(201);
  await pipeline.dispose();
  // One leaf is the catalog's signal, so one box on the canvas has a page to open.
  await mutate(page.request, "lineage.mapDataset", { ...ds("leaf_0_0_0"), node: `signal:${signal.id}` });

  const root = `dataset:fanout/hub_${run}`;
  await page.goto(`/lineage?node=${encodeURIComponent(root)}&direction=downstream&depth=4`);
  await drawn(page);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("data-nodes", "400");
  // Grouped first: a box per kind and hop, fed by one box ("49 datasets"), readable when fitted.
  const boxes = () => graph.getAttribute("data-boxes").then(Number);
  expect(await boxes()).toBeLessThanOrEqual(8);
  await expect(page.getByRole("status").filter({ hasText: "400 nodes" })).toContainText("drawn in");
  await page.getByRole("button", { name: "Fit to view" }).click();
  const jobs = page.locator('.react-flow__node[aria-label="Group: 7 pipeline jobs"]');
  await expect(jobs).toBeVisible();
  await screenshot(page, "lineage-grouped");
  // On a phone the grouped graph is still a handful of boxes, fitted inside the page's width.
  await atPhoneWidth(page, async () => {
    // Five hops of at most two boxes: top to bottom fits a phone larger.
    await expect(graph).toHaveAttribute("data-reads", "down");
    await page.getByRole("button", { name: "Fit to view" }).click();
    await viewportSettled(page);
    expect(await boxes()).toBeLessThanOrEqual(8);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "lineage-grouped");
  });
  await page.getByRole("button", { name: "Fit to view" }).click();
  await jobs.click();
  await expect(page.getByTestId("lineage-panel")).toContainText("7 pipeline jobs");
  await expectAccessible(page);
  await page.getByTestId("lineage-panel").getByRole("button", { name: "Expand group" }).click();
  // Opened in place: the seven jobs are boxes of their own, and what they feed is grouped per job.
  await expect(page.locator(`.react-flow__node[data-id="job:fanout/split_0_${run}"]`)).toHaveCount(1);
  expect(await boxes()).toBeGreaterThan(8);
  await page.getByRole("button", { name: "Show every node" }).click();
  await expect(graph).toHaveAttribute("data-boxes", "400");
  await expect(graph).toHaveAttribute("data-layout", /done|fallback/, { timeout: 30_000 });
  await drawn(page);
  const view = graph.locator("[data-view]");
  // A big graph opens centred on its root at a readable zoom, as DOM nodes.
  await expect(view).toHaveAttribute("data-view", "nodes");
  const rootBox = graphNode(page, root);
  await expect(rootBox).toBeVisible();
  const centre = await flowCentre(rootBox);

  await page.getByRole("button", { name: "Fit to view" }).click();
  await expect(view).toHaveAttribute("data-view", "overview");
  await expect(page.locator(".react-flow__node")).toHaveCount(0);
  await viewportSettled(page); // the fit's animation
  await screenshot(page, "lineage-overview");
  const p = await onScreen(page, centre.x, centre.y);
  // The canvas has the root's box where the root is.
  const painted = await page.getByTestId("lineage-overview").evaluate((c, at) => {
    const canvas = c as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    return canvas.getContext("2d")!.getImageData(Math.round((at.x - box.left) * ratio), Math.round((at.y - box.top) * ratio), 1, 1).data[3];
  }, p);
  expect(painted).toBeGreaterThan(0);
  // Pointing at a box names it; clicking selects it.
  await page.mouse.move(p.x, p.y);
  await expect(page.locator(".react-flow__pane")).toHaveAttribute("title", new RegExp(`^Dataset: .*hub_${run}`));
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId("lineage-panel")).toContainText(`hub_${run}`);
  await expect(page.getByRole("img", { name: "Overview of the lineage graph" })).toBeVisible();

  // Zooming in over the root brings the nodes back, the root among them.
  await zoomUntil(page, p, "nodes", { eachStep: (step) => (step === 3 ? screenshot(page, "lineage-overview-zoomed") : undefined) });
  await expect(view).toHaveAttribute("data-view", "nodes");
  await expect(rootBox).toBeVisible();

  // Dragging far along the graph brings the nodes there: React Flow holds only those around the
  // screen, and what it holds follows the view. Across to the leaves' column, then far down it.
  const ids = () => page.locator(".react-flow__node").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
  await page.locator(".react-flow__pane").scrollIntoViewIfNeeded();
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  const drag = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
  };
  // (Clear of the zoom controls at the bottom left and the minimap at the bottom right.)
  await drag({ x: pane.x + pane.width - 100, y: pane.y + 120 }, { x: pane.x + 100, y: pane.y + 120 });
  const seenBefore = new Set(await ids());
  const held = () => view.getAttribute("data-flow-nodes").then(Number);
  expect(await held()).toBeGreaterThan(0);
  expect(await held()).toBeLessThan(400);
  for (let i = 0; i < 4; i++) await drag({ x: pane.x + pane.width / 2, y: pane.y + pane.height - 230 }, { x: pane.x + pane.width / 2, y: pane.y + 30 });
  await expect(view).toHaveAttribute("data-view", "nodes");
  await expect.poll(async () => (await ids()).filter((id) => !seenBefore.has(id)).length).toBeGreaterThan(0);
  await expect(
    graphNode(
      page,
      (await ids()).find((id) => !seenBefore.has(id))!,
    ),
  ).toBeInViewport();
  expect(await held()).toBeLessThan(400);

  // The graph's own fit button (in its zoom controls) fits all of it too.
  await page.locator(".react-flow__controls-fitview").click();
  await expect(view).toHaveAttribute("data-view", "overview");
  await expect(rootBox).toBeHidden();
  await viewportSettled(page);
  // Again from the overview, where React Flow holds no nodes.
  const fitted = await page.locator(".react-flow__viewport").getAttribute("style");
  await page.locator(".react-flow__controls-fitview").click();
  await viewportSettled(page);
  await expect(view).toHaveAttribute("data-view", "overview");
  await expect(page.locator(".react-flow__viewport")).toHaveAttribute("style", fitted!);
  const q = await onScreen(page, centre.x, centre.y);
  await zoomUntil(page, q, "nodes");
  await expect(rootBox).toBeVisible();

  // Dragging the minimap's frame pans the graph the same way.
  const viewport = page.locator(".react-flow__viewport");
  const before = await viewport.getAttribute("style");
  const map = (await page.getByRole("img", { name: "Overview of the lineage graph" }).boundingBox())!;
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  await page.mouse.down();
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await expect(viewport).not.toHaveAttribute("style", before!);
  await expect(rootBox).toBeHidden();

  await atPhoneWidth(page, async () => {
    // 294 datasets in one hop: left to right stays, a tall column rather than a strip 294 boxes wide.
    await expect(page.getByTestId("lineage-graph")).toHaveAttribute("data-reads", "across");
    await page.getByRole("button", { name: "Fit to view" }).click();
    await expect(view).toHaveAttribute("data-view", "overview");
    await viewportSettled(page);
    await screenshot(page, "lineage-overview");
    await expectNoSidewaysScroll(page);
  });

  // A double-click on a box with a page of its own opens it, as on its element.
  await page.getByText(/^List view:/).click();
  await page.getByRole("button", { name: `Show ${signal.name} in graph` }).click();
  const signalBox = graphNode(page, `signal:${signal.id}`);
  await expect(signalBox).toBeInViewport();
  await viewportSettled(page); // the move to it
  const signalAt = await flowCentre(signalBox);
  // Zoomed out around it, so it stays under the pointer (the fitted graph is taller than the view).
  const s = await onScreen(page, signalAt.x, signalAt.y);
  await zoomUntil(page, s, "overview");
  await expect(view).toHaveAttribute("data-view", "overview");
  await page.mouse.move(s.x + 1, s.y);
  await expect(page.locator(".react-flow__pane")).toHaveAttribute("title", `Signal: ${signal.name}`);
  await page.mouse.dblclick(s.x, s.y);
  await expect(page).toHaveURL(new RegExp(`/catalog/signals/${signal.id}`));
});

test("an admin creates a read token; a tool reads a segment's upstream closure with it until it is revoked", async ({ browser, playwright, baseURL }) => {
  const page = await signedIn(browser, admin);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name (what uses it)").fill(`impact-checker-${run}`);
  const scopes = page.getByRole("group", { name: "Scopes" });
  await scopes.getByLabel("Report run events (POST /api/v1/lineage)").uncheck();
  await scopes.getByLabel("Read lineage (GET /api/v1/lineage)").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  const row = page.getByRole("row", { name: new RegExp(`impact-checker-${run}`) });
  await expect(row).toContainText("lineage:read");
  await expect(row).not.toContainText("lineage:write");
  await atWidths(page, "settings-tokens");

  // A tool with no session, only the token.
  const tool = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const res = await tool.get(`/api/v1/lineage?node=segment:${child.id}&direction=upstream&depth=25`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.partial).toBe(false);
  expect(body.upstream).toEqual(
    expect.arrayContaining([
      { node: `segment:${child.id}`, depth: 0 },
      { node: `segment:${parent.id}`, depth: 1 },
      { node: `signal:${signal.id}`, depth: 2 },
      { node: `source:${source.id}`, depth: 3 },
      { node: `purpose:${purposeId}`, depth: 3 },
    ]),
  );
  const bad = await tool.get(`/api/v1/lineage?node=segment:${child.id}&depth=100`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: "depth: must be a whole number from 1 to 25", code: "BAD_REQUEST", field: "depth" });
  expect((await tool.post("/api/v1/lineage", { data: {} })).status()).toBe(403);

  await row.getByRole("button", { name: `Revoke impact-checker-${run}` }).click();
  await expect(row).toContainText("Revoked");
  expect((await tool.get(`/api/v1/lineage?node=segment:${child.id}`)).status()).toBe(401);
  await tool.dispose();
  await page.context().close();
});
