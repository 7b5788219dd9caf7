// A large flow zoomed out moves as one picture: while it is panned or a node dragged, its cards and links are drawn
// from one canvas (what keeps a fitted 500-node flow near 60 fps) and at rest the DOM cards are back. The picture must
// show the cards where they are, leave a dragged node live, and never stand in when the flow is at rest.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { generateGraph } from "@/bench/support/canvas-graph";
import { toFlowFile } from "@/lib/model/flow/flow-file";
import { expect, test } from "./fixtures";

const NODES = 200;
const GRAPH = generateGraph(NODES, 240);
// Two agents: one to drag, one that stays put.
const [DRAGGED, STILL] = GRAPH.nodes.filter((n) => n.kind === "agent").map((n) => n.id);

async function importLargeFlow(page: Page) {
  const slug = `moving-overview-${Date.now().toString(36)}`;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sb-e2e-")), `${slug}.flow.json`);
  writeFileSync(file, JSON.stringify(toFlowFile({ name: "Large flow", slug, description: "", graph: GRAPH })));
  await page.goto("/flows");
  await page.getByTestId("import-input").setInputFiles(file);
  await page.waitForURL(/\/flows\/[^/]+\/edit/);
  await expect(page.getByTestId("flow-canvas")).toHaveAttribute("data-ready", "true");
}

const zoomOf = (page: Page) =>
  page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a);

/** Where the picture is drawn (not transparent) at the centre of a node's header, and at a point far from any node. */
function pictureAt(page: Page, nodeId: string) {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="overview-snapshot"]')!;
    const frame = canvas.getBoundingClientRect();
    const alpha = (x: number, y: number) => {
      const px = Math.floor(((x - frame.left) * canvas.width) / frame.width);
      const py = Math.floor(((y - frame.top) * canvas.height) / frame.height);
      return canvas.getContext("2d")!.getImageData(px, py, 1, 1).data[3];
    };
    const box = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
    return {
      onCard: alpha(box.left + box.width / 2, box.top + box.height / 2),
      offCard: alpha(frame.left + 2, frame.top + 2),
    };
  }, nodeId);
}

const cardVisibility = (page: Page, nodeId: string) =>
  page.evaluate(
    (id) => getComputedStyle(document.querySelector(`.react-flow__node[data-id="${id}"] .sb-card`)!).visibility,
    nodeId,
  );

test("a large flow zoomed out pans and drags as one picture, and is the live DOM again at rest", async ({
  adminPage: page,
}) => {
  await importLargeFlow(page);
  const canvas = page.getByTestId("flow-canvas");
  const picture = page.getByTestId("overview-snapshot");
  // Large flows open zoomed in on their Start node: detailed nodes, no picture.
  expect(await zoomOf(page)).toBeGreaterThan(0.6);
  await expect(picture).toHaveCount(0);

  await page.keyboard.press("f");
  await expect.poll(() => zoomOf(page)).toBeLessThan(0.2);
  await expect(page.locator(".react-flow__node")).toHaveCount(NODES);
  // Drawn ahead of the first gesture, while the canvas is idle; hidden at rest.
  await expect(picture).toHaveAttribute("data-cards", String(NODES));
  await expect(picture).toHaveCSS("visibility", "hidden");
  await expect(canvas).not.toHaveClass(/sb-moving/);
  expect(await pictureAt(page, DRAGGED)).toEqual({ onCard: 255, offCard: 0 });

  // Pan: the picture stands in for the cards and moves with the view.
  const pane = await page.evaluate(() => {
    const box = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
    for (let y = box.top + 20; y < box.bottom - 20; y += 13)
      for (let x = box.left + 20; x < box.right - 200; x += 17)
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
    throw new Error("no empty spot on the pane");
  });
  await page.mouse.move(pane.x, pane.y);
  await page.mouse.down();
  await page.mouse.move(pane.x + 40, pane.y + 30, { steps: 5 });
  await expect(canvas).toHaveClass(/sb-moving/);
  await expect(picture).toHaveCSS("visibility", "visible");
  expect(await cardVisibility(page, DRAGGED)).toBe("hidden");
  expect((await pictureAt(page, DRAGGED)).onCard).toBe(255);
  await page.mouse.up();
  await expect(canvas).not.toHaveClass(/sb-moving/);
  expect(await cardVisibility(page, DRAGGED)).toBe("visible");

  // Drag: the picture is drawn without the dragged node, which stays live (visible, moving) in the DOM.
  const node = page.locator(`.react-flow__node[data-id="${DRAGGED}"]`);
  const before = (await node.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + 3);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 60, before.y + 50, { steps: 6 });
  await expect(canvas).toHaveClass(/sb-moving/);
  await expect(picture).toHaveAttribute("data-cards", String(NODES - 1));
  expect(await cardVisibility(page, DRAGGED)).toBe("visible");
  expect(await cardVisibility(page, STILL)).toBe("hidden");
  await page.mouse.up();
  await expect(canvas).not.toHaveClass(/sb-moving/);
  const after = (await node.boundingBox())!;
  expect(after.x - before.x).toBeGreaterThan(30);
  // Drawn again, whole and with the node where it was dropped, once the canvas is idle.
  await expect(picture).toHaveAttribute("data-cards", String(NODES));
  expect((await pictureAt(page, DRAGGED)).onCard).toBe(255);
});
