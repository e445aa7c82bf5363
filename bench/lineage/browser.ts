// Opens the lineage page on a big graph in Chromium and measures how long until the graph is
// drawn (the component sets data-state="drawn" once the layout is on screen), and whether the
// main thread stays free meanwhile: long tasks (PerformanceObserver) and gaps between frames.
import { chromium, type Page } from "@playwright/test";
import { flowCentre, onScreen, zoomUntil } from "../../e2e/support/flow";

export interface LoadResult {
  /** Navigation start → the HTML's first and last byte, DOMContentLoaded (scripts run). */
  responseStartMs: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  /** Navigation start → a layout on screen (a big graph's simple layout first). */
  drawnMs: number;
  /** Navigation start → ELK's layout on screen (or the fallback for good). */
  settledMs: number;
  layoutMs: number;
  layout: string;
  nodes: number;
  /** Boxes drawn: fewer than nodes when the graph is drawn in groups. */
  boxes: number;
  domNodes: number;
  domEdges: number;
  maxLongTask: number;
  longTaskTotal: number;
  maxFrameGap: number;
}

export interface InteractionResult {
  clickToPanelMs: number;
  /** What "Fit to view" showed: "overview" (the canvas) or "nodes". */
  fitView: string;
  /** A click on a node's box in the fitted view → its details. */
  fittedClickToPanelMs: number;
  /** Wheel steps zooming back in until nodes are DOM elements again. */
  zoomBackSteps: number;
  maxLongTask: number;
  maxFrameGap: number;
}

declare global {
  interface Window {
    __bench: { longTasks: Array<[number, number]>; maxGap: number; drawnAt: number | null; settledAt: number | null; reset: () => void };
  }
}

// Runs in the page before its own scripts. A string, not a function: tsx's transform would add
// helpers (`__name`) that do not exist in the page.
const INSTRUMENT = `(() => {
  const b = { longTasks: [], maxGap: 0, drawnAt: null, settledAt: null };
  let last = 0;
  b.reset = () => { b.longTasks = []; b.maxGap = 0; last = 0; };
  window.__bench = b;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
    .observe({ type: "longtask", buffered: true });
  const tick = (t) => { if (last) b.maxGap = Math.max(b.maxGap, t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new MutationObserver(() => {
    const g = document.querySelector('[data-testid="lineage-graph"]');
    if (b.drawnAt === null && g?.getAttribute("data-state") === "drawn") b.drawnAt = performance.now();
    if (b.settledAt === null && ["done", "fallback"].includes(g?.getAttribute("data-layout"))) b.settledAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state", "data-layout"] });
})();`;

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export async function withBrowser<T>(baseUrl: string, cookie: string, fn: (open: () => Promise<Page>) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild, keepNames) wraps named functions in a `__name(…)` call, which the functions
    // handed to page.evaluate (e2e/support/flow.ts) then carry into the page, where it is missing.
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await context.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: baseUrl })));
    await context.addInitScript({ content: INSTRUMENT });
    return await fn(() => context.newPage());
  } finally {
    await browser.close();
  }
}

export async function measureLoad(page: Page, url: string, screenshot?: string): Promise<LoadResult> {
  await page.goto(url);
  const graph = page.getByTestId("lineage-graph");
  await graph.and(page.locator('[data-state="drawn"]')).waitFor({ timeout: 60_000 });
  await graph.and(page.locator('[data-layout="done"], [data-layout="fallback"]')).waitFor({ timeout: 60_000 });
  // A few frames more, so a long task right after drawing is counted too.
  await page.waitForTimeout(500);
  if (screenshot) await page.screenshot({ path: screenshot });
  const b = await page.evaluate(() => ({ drawnAt: window.__bench.drawnAt, settledAt: window.__bench.settledAt, longTasks: window.__bench.longTasks, maxGap: window.__bench.maxGap }));
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { responseStart: n.responseStart, responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd };
  });
  const before = b.longTasks.filter(([start]) => start <= (b.settledAt ?? Infinity) + 500);
  return {
    responseStartMs: nav.responseStart,
    responseEndMs: nav.responseEnd,
    domContentLoadedMs: nav.domContentLoaded,
    drawnMs: b.drawnAt ?? NaN,
    settledMs: b.settledAt ?? NaN,
    layoutMs: Number(await graph.getAttribute("data-layout-ms")),
    layout: (await graph.getAttribute("data-layout")) ?? "?",
    nodes: Number(await graph.getAttribute("data-nodes")),
    boxes: Number(await graph.getAttribute("data-boxes")),
    domNodes: await page.locator(".react-flow__node").count(),
    domEdges: await page.locator(".react-flow__edge").count(),
    maxLongTask: longest(before),
    longTaskTotal: before.reduce((sum, [, d]) => sum + d, 0),
    maxFrameGap: b.maxGap,
  };
}

/**
 * On a loaded big graph (drawn in groups), "Show every node": how long until ELK has laid out every
 * node, as the page counts it in its worker and as the viewer waits for it.
 */
export async function measureEveryNode(page: Page): Promise<{ layoutMs: number; layout: string; waitedMs: number; boxes: number }> {
  const graph = page.getByTestId("lineage-graph");
  const started = Date.now();
  await page.getByRole("button", { name: "Show every node" }).click();
  // ELK starts on every node (the simple layout stands in meanwhile), then finishes.
  await graph.and(page.locator('[data-layout="running"]')).waitFor({ timeout: 10_000 });
  await page.waitForFunction(
    () => {
      const g = document.querySelector('[data-testid="lineage-graph"]');
      return !!g && g.getAttribute("data-boxes") === g.getAttribute("data-nodes") && ["done", "fallback"].includes(g.getAttribute("data-layout") ?? "");
    },
    null,
    { timeout: 60_000, polling: 50 },
  );
  return {
    layoutMs: Number(await graph.getAttribute("data-layout-ms")),
    layout: (await graph.getAttribute("data-layout")) ?? "?",
    waitedMs: Date.now() - started,
    boxes: Number(await graph.getAttribute("data-boxes")),
  };
}

/** The longest of the long tasks observed, as [start, duration] pairs; 0 when there were none. */
const longest = (tasks: Array<[number, number]>) => Math.max(0, ...tasks.map(([, d]) => d));

/**
 * The longest main-thread task while a page without the graph loads (the lineage page with no
 * node chosen): what the framework's start-up and hydration cost on this machine, whatever the
 * graph does.
 */
export async function measureBaseline(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.getByRole("heading", { name: "Lineage" }).waitFor();
  await page.waitForLoadState("load");
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate(() => window.__bench.longTasks);
  return longest(tasks);
}

/**
 * Zoom, pan, select a node (time until its details show), fit to view, select that node again in
 * the fitted view and zoom back in over it, watching the main thread throughout.
 */
export async function measureInteraction(page: Page, screenshot?: string): Promise<InteractionResult> {
  await page.evaluate(() => window.__bench.reset());
  const pane = page.locator(".react-flow__pane");
  const box = (await pane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // The page opens a big graph centred on its root at a readable zoom: zoom a little further.
  for (let i = 0; i < 2; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(60);
  }
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 40, { steps: 10 });
  await page.mouse.up();
  // Off-screen nodes of a big graph are not in the DOM: pick one that is.
  const node = page.locator(".react-flow__node").first();
  // Its middle in flow units, to find it again once fitted.
  const centre = await flowCentre(node);
  let t = performance.now();
  await node.click();
  const panel = page.getByTestId("lineage-panel");
  await panel.waitFor();
  const clickToPanelMs = performance.now() - t;
  await page.getByRole("button", { name: "Fit to view" }).click();
  await page.waitForTimeout(600);
  if (screenshot) await page.screenshot({ path: screenshot });
  // A build without the canvas overview has no data-view: its nodes are always elements.
  const viewOf = () =>
    page
      .locator("[data-view]")
      .getAttribute("data-view", { timeout: 1000 })
      .then(
        (v) => v ?? "nodes",
        () => "nodes",
      );
  const fitView = await viewOf();
  await page.getByRole("button", { name: "Close details" }).click();
  await panel.waitFor({ state: "detached" });
  const p = await onScreen(page, centre.x, centre.y);
  t = performance.now();
  await page.mouse.click(p.x, p.y);
  await panel.waitFor();
  const fittedClickToPanelMs = performance.now() - t;
  // With viewOf (a build without data-view counts as "nodes") and the bench's own 120 ms pause, so
  // the step counts stay comparable with earlier runs.
  const zoomBackSteps = await zoomUntil(page, p, "nodes", { view: viewOf });
  await page.waitForTimeout(500);
  const b = await page.evaluate(() => ({ longTasks: window.__bench.longTasks, maxGap: window.__bench.maxGap }));
  return { clickToPanelMs, fitView, fittedClickToPanelMs, zoomBackSteps, maxLongTask: longest(b.longTasks), maxFrameGap: b.maxGap };
}
