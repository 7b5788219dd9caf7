// Adding nodes without the mouse doing the layout: each new node goes beside the selected one, wired from its free
// output (a tool below an agent, as one it may call), never on top of another node; one undo takes a node and its
// link back together.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

/** A new flow of its own for each run (a rerun against the same database must not collide on the slug). */
const freshFlow = (page: Page, name: string) => {
  const token = randomBytes(3).toString("hex");
  return createFlow(page, `${name} ${token}`, `${name.toLowerCase().replace(/\s+/g, "-")}-${token}`);
};
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Adds a node of `kind` from the palette with the keyboard: search, focus its item, Enter. */
async function addFromPalette(page: Page, kind: string) {
  await page.getByTestId("palette-search").fill(kind);
  await page.locator(`[data-testid="palette-item"][data-kind="${kind}"]`).focus();
  await page.keyboard.press("Enter");
}

test("new nodes go beside the selected one, wired from it, and never overlap", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E placement");
  const announcement = page.getByTestId("editor-announcement");
  const edges = page.locator(".react-flow__edge");
  await expect(edges).toHaveCount(1);

  // The new flow's agent is selected: a router goes to its right, linked from its free output.
  await node(page, "agent").click();
  await addFromPalette(page, "router");
  await expect(announcement).toHaveText("Added Router, linked from “Assistant” (next).");
  const router = page.locator('.react-flow__node[data-id^="router"]');
  await expect(router).toHaveCount(1);
  await expect(edges).toHaveCount(2);
  // Both boxes read in one frame: the view may still be gliding to the new node.
  const [agentBox, routerBox] = await page.evaluate(() =>
    ["agent", "router"].map((id) => {
      const box = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
      return { x: box.x, width: box.width };
    }),
  );
  expect(routerBox.x).toBeGreaterThan(agentBox.x + agentBox.width);

  // The router is selected now: two agents, one per free route, neither on top of the other.
  await addFromPalette(page, "agent");
  await expect(announcement).toContainText("linked from “Router”");
  await router.click();
  await addFromPalette(page, "agent");
  await expect(announcement).toContainText("linked from “Router”");
  await expect(edges).toHaveCount(4);

  // A tool added with an agent selected is one it may call: a permission link, below it.
  const firstAgent = page.locator('.react-flow__node[data-id^="agent_"]').first();
  await firstAgent.click();
  await addFromPalette(page, "tool");
  await expect(announcement).toContainText("may call it");
  await expect(edges).toHaveCount(5);

  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect().toJSON() as DOMRect),
  );
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `nodes ${i} and ${j} overlap`).toBe(true);
    }

  // One undo takes the tool and its permission back together.
  await page.keyboard.press("Control+z");
  await expect(page.locator('.react-flow__node[data-id^="tool"]')).toHaveCount(0);
  await expect(edges).toHaveCount(4);
});

test("a node dropped on a link goes in between, and one undo restores the link", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E insert");
  const link = page.locator('.react-flow__edge[data-id="e-start-agent"]');
  await expect(link).toHaveCount(1);
  const canvas = (await page.getByTestId("flow-canvas").boundingBox())!;
  // The middle of the link's curve is the middle of its box (a symmetric curve between the two handles).
  const box = (await link.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.getByTestId("palette-search").fill("condition");
  await page.locator('[data-testid="palette-item"][data-kind="condition"]').dragTo(page.getByTestId("flow-canvas"), {
    targetPosition: { x: Math.round(at.x - canvas.x), y: Math.round(at.y - canvas.y) },
  });
  await expect(page.getByTestId("editor-announcement")).toHaveText("Added Condition on the link.");
  await expect(link).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-id^="e_start_out"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id^="e_condition_when_1"]')).toHaveCount(1);

  await page.getByTestId("palette-search").blur(); // shortcuts wait while a text field has focus
  await page.keyboard.press("Control+z");
  await expect(page.locator('.react-flow__node[data-id^="condition"]')).toHaveCount(0);
  await expect(link).toHaveCount(1);
});

test("an output's link is chosen in the inspector, and each choice is one undo step", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E outputs");
  const edges = page.locator(".react-flow__edge");
  await expect(edges).toHaveCount(1);
  await node(page, "start").click();
  const next = page.getByTestId("inspector").getByLabel("next", { exact: true });
  await expect(next).toHaveValue("agent");
  // Only what the connection rule accepts is offered: never Start itself.
  await expect(next.locator("option")).toHaveText(["Not linked", "Assistant (Agent)"]);

  await next.selectOption("");
  await expect(edges).toHaveCount(0);
  await next.selectOption("agent");
  await expect(edges).toHaveCount(1);
  await next.blur();
  await page.keyboard.press("Control+z");
  await expect(edges).toHaveCount(0);
  await expect(next).toHaveValue("");
});

test("the test panel's path reads in node labels, with the id beside each", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E test path");
  await page.getByTestId("test-button").click();
  await page.getByTestId("test-input").fill("hello");
  await page.getByTestId("test-input").press("Enter");
  const path = page.getByTestId("test-panel").getByTestId("test-node");
  await expect(path.first()).toContainText(/^1\.\s*Start\s*start/, { timeout: 30_000 });
  await path.first().getByRole("button").first().click();
  await expect(path.first().getByTestId("test-node-id")).toHaveText("id start");
  await expect(path.filter({ hasText: /^2\.\s*Assistant\s*agent/ })).toHaveCount(1);
});
