// Semantic zoom: the Retail demo flow fitted to the designer is an overview of large-type cards, each title readable
// on screen, each route's label on its own row inside its node (never on top of another), handles that can be hit.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Wide enough that the Retail flow fits at about 0.43 (at 1440 × 900 it fits at 0.37, where titles are 10 px).
test.use({ viewport: { width: 1600, height: 900 } });

type Box = { x: number; y: number; width: number; height: number };
const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x + 0.5 ||
  b.x + b.width <= a.x + 0.5 ||
  a.y + a.height <= b.y + 0.5 ||
  b.y + b.height <= a.y + 0.5;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

async function openRetail(page: Page) {
  await page.goto("/flows");
  await page.getByRole("link", { name: "Retail support" }).first().click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.getByTestId("flow-canvas")).toHaveAttribute("data-ready", "true");
}

/** Everything the checks need, read in one frame: the zoom, and per node its box, title lines and route labels. */
function readCanvas(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect().toJSON() as Box;
    const viewport = document.querySelector(".react-flow__viewport")!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const nodes = [...document.querySelectorAll(".react-flow__node")].map((node) => ({
      id: node.getAttribute("data-id")!,
      box: box(node),
      title: [...node.querySelectorAll('[data-testid="card-title"] > div')].map((line) => ({
        text: line.textContent ?? "",
        box: box(line),
        px: parseFloat(getComputedStyle(line).fontSize) * zoom,
      })),
      fullTitle: node.querySelector('[data-testid="card-title"]')?.getAttribute("title") ?? null,
      labels: [...node.querySelectorAll('[data-testid="route-label"]')].map((label) => ({
        text: label.textContent ?? "",
        full: label.getAttribute("title"),
        box: box(label),
        px: parseFloat(getComputedStyle(label).fontSize) * zoom,
      })),
    }));
    return { zoom, nodes };
  });
}

test("the fitted Retail flow is an overview of readable cards whose route labels never overlap", async ({
  adminPage: page,
}) => {
  await openRetail(page);
  const canvas = page.getByTestId("flow-canvas");
  await expect(canvas).toHaveClass(/sb-overview/);
  const { zoom, nodes } = await readCanvas(page);
  expect(zoom).toBeLessThan(0.6);
  expect(zoom).toBeGreaterThan(0.4);
  expect(nodes.length).toBeGreaterThanOrEqual(18);

  for (const node of nodes) {
    expect(node.title.length, `${node.id} has a title`).toBeGreaterThan(0);
    for (const line of node.title) {
      expect(line.px, `${node.id}: "${line.text}" is ${line.px.toFixed(1)} px on screen`).toBeGreaterThanOrEqual(12);
      expect(inside(line.box, node.box), `${node.id}: "${line.text}" runs out of its card`).toBe(true);
    }
    for (const [i, label] of node.labels.entries()) {
      expect(label.px, `${node.id}: "${label.text}"`).toBeGreaterThanOrEqual(10);
      expect(inside(label.box, node.box), `${node.id}: "${label.text}" runs out of its card`).toBe(true);
      for (const other of node.labels.slice(i + 1))
        expect(apart(label.box, other.box), `${node.id}: "${label.text}" overlaps "${other.text}"`).toBe(true);
      if (label.text.endsWith("…")) expect(label.full?.startsWith(label.text.slice(0, -1))).toBe(true);
    }
  }
  // The router shows every route by name.
  const router = nodes.find((n) => n.id === "router")!;
  expect(router.labels.map((l) => l.text)).toEqual(expect.arrayContaining(["Refund", "Cancel order"]));
  // A title too long for two lines ends with an ellipsis and keeps the whole title for the tooltip.
  const address = nodes.find((n) => n.id === "verify_change_address")!;
  expect(address.title.at(-1)!.text.endsWith("…")).toBe(true);
  expect(address.fullTitle).toBe("Verify customer (change address)");
  // Links are drawn by the overview layer, not one element each.
  await expect(page.locator(".react-flow__edges")).toHaveCSS("display", "none");
  await expect(page.getByTestId("edge-overview")).toBeAttached();

  // An input handle is a 5 px dot here, but a press 10 px beside its centre still lands on it.
  const handle = page.locator('.react-flow__handle[data-nodeid="billing_queue"][data-handleid="in"]');
  const dot = (await handle.boundingBox())!;
  expect(dot.width).toBeLessThan(12);
  const hits = await page.evaluate(
    ({ x, y }) =>
      [
        [x, y],
        [x - 10, y],
        [x + 10, y],
        [x, y - 10],
        [x, y + 10],
      ].map(([px, py]) => {
        const el = document.elementFromPoint(px, py)?.closest(".react-flow__handle");
        return el ? `${el.getAttribute("data-nodeid")}/${el.getAttribute("data-handleid")}` : null;
      }),
    { x: dot.x + dot.width / 2, y: dot.y + dot.height / 2 },
  );
  expect(hits).toEqual(Array(5).fill("billing_queue/in"));
});

test("zoomed in, the same nodes are the detailed ones again, with their route labels on their output rows", async ({
  adminPage: page,
}) => {
  await openRetail(page);
  const canvas = page.getByTestId("flow-canvas");
  await expect(canvas).toHaveClass(/sb-overview/);
  // Three steps of the zoom control (×1.2 each) take the fitted view past 60%.
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Zoom In" }).click();
  await expect(canvas).not.toHaveClass(/sb-overview/);
  await expect.poll(async () => (await readCanvas(page)).zoom).toBeGreaterThanOrEqual(0.6);
  const { nodes } = await readCanvas(page);
  const router = nodes.find((n) => n.id === "router")!;
  expect(router.labels.map((l) => l.text)).toEqual(expect.arrayContaining(["Refund", "Cancel order"]));
  for (const [i, label] of router.labels.entries())
    for (const other of router.labels.slice(i + 1)) expect(apart(label.box, other.box)).toBe(true);
  await expect(page.locator(".react-flow__edges")).toHaveCSS("display", "block");
  await expect(page.locator(".react-flow__edge").first()).toBeVisible();
  await expect(page.getByTestId("edge-overview")).toHaveCount(0);
});
