import type { Locator, Page } from "@playwright/test";

// React Flow places nodes and the viewport with CSS transforms; these read them back, so a test or
// the benchmark can point at a node's place whether it is drawn as an element or on the canvas,
// and zoom there.

/** Where a point of the graph (flow units) is on screen, from React Flow's viewport transform. */
export async function onScreen(page: Page, x: number, y: number) {
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  const t = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(t);
  if (!m) throw new Error(`unexpected viewport transform: ${t}`);
  return { x: pane.x + Number(m[1]) + x * Number(m[3]), y: pane.y + Number(m[2]) + y * Number(m[3]) };
}

/** A drawn node's middle in flow units, from its position in the graph. */
export const flowCentre = (node: Locator) =>
  node.evaluate((el) => {
    const m = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\)/.exec((el as HTMLElement).style.transform);
    return { x: Number(m?.[1]) + (el as HTMLElement).offsetWidth / 2, y: Number(m?.[2]) + (el as HTMLElement).offsetHeight / 2 };
  });

/**
 * Resolves once React Flow's viewport has stopped moving: its transform unchanged over three
 * animation frames, so an animated fit or move has ended and React has drawn what the new zoom shows.
 */
export const viewportSettled = (page: Page) =>
  page.locator(".react-flow__viewport").evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        let last = "";
        let still = 0;
        const tick = () => {
          const now = (el as HTMLElement).style.transform;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 3) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );

/**
 * Wheel-zooms in (to "nodes") or out (to "overview") over a point until the graph is drawn that
 * way, at most 20 steps; returns how many steps it took. Each step waits for the viewport to settle.
 */
export async function zoomUntil(
  page: Page,
  at: { x: number; y: number },
  want: "nodes" | "overview",
  {
    eachStep,
    view = () => page.getByTestId("lineage-graph").locator("[data-view]").getAttribute("data-view"),
  }: {
    /** Runs after each step, e.g. to take a screenshot part-way. */
    eachStep?: (step: number) => Promise<void> | undefined;
    /** How the graph is drawn now ("nodes" or "overview"). */
    view?: () => Promise<string | null>;
  } = {},
): Promise<number> {
  await page.mouse.move(at.x, at.y);
  let steps = 0;
  while (steps < 20 && (await view()) !== want) {
    await page.mouse.wheel(0, want === "nodes" ? -240 : 240);
    await viewportSettled(page);
    await eachStep?.(steps);
    steps++;
  }
  return steps;
}
