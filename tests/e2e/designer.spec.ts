import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createFlow, expect, signIn, test } from "./fixtures";

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (page: Page, nodeId: string, handleId: string) =>
  page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`);

/** Waits until a locator stops moving (a node just dropped may still be settling into place). */
async function settled(page: Page, locator: ReturnType<Page["locator"]>) {
  let previous = await locator.boundingBox();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const next = await locator.boundingBox();
    if (previous && next && Math.abs(next.x - previous.x) < 0.5 && Math.abs(next.y - previous.y) < 0.5) return;
    previous = next;
  }
}

async function dragBetween(page: Page, from: ReturnType<Page["locator"]>, to: ReturnType<Page["locator"]>) {
  await settled(page, to);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function publish(page: Page, note: string) {
  await page.getByTestId("publish-button").click();
  await page.getByTestId("publish-note").fill(note);
  await page.getByTestId("publish-confirm").click();
}

test("design a flow: drag, connect, configure, validate, publish, diff, roll back, export and re-import", async ({
  adminPage: page,
}) => {
  const flowId = await createFlow(page, "E2E designer", "e2e-designer");
  const before = await page.locator(".react-flow__node").count();
  // Where the existing nodes sit relative to the first one (the view itself may shift when panels resize).
  const layout = async () => {
    const boxes = await Promise.all(
      (await page.locator(".react-flow__node").all()).slice(0, before).map((n) => n.boundingBox()),
    );
    return boxes.map((b) => ({ dx: Math.round(b!.x - boxes[0]!.x), dy: Math.round(b!.y - boxes[0]!.y) }));
  };
  const placed = await layout();

  // Drag a Response node from the palette onto an empty part of the canvas.
  await page.getByTestId("palette-search").fill("response");
  const canvas = (await page.getByTestId("flow-canvas").boundingBox())!;
  // Below the starter nodes, wherever the view put them, and left of the minimap (a fixed spot once landed on the
  // agent's handle).
  const boxes = (await Promise.all((await page.locator(".react-flow__node").all()).map((n) => n.boundingBox()))).map(
    (b) => b!,
  );
  const left = Math.min(...boxes.map((b) => b.x));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  await page.locator('[data-testid="palette-item"][data-kind="response"]').dragTo(page.getByTestId("flow-canvas"), {
    targetPosition: {
      x: Math.round(Math.max(left, canvas.x + 60) + 120 - canvas.x),
      y: Math.round(Math.min(bottom + 110, canvas.y + canvas.height - 80) - canvas.y),
    },
  });
  await expect(page.locator(".react-flow__node")).toHaveCount(before + 1);
  // Dropping moves nothing that was there (polled: the canvas re-measures its nodes for a frame or two after a drop).
  await expect.poll(layout).toEqual(placed);
  const responseId = "response";
  await expect(node(page, responseId)).toBeVisible();

  // Connect the agent to it; with no wording yet, validation blocks publishing.
  const agentId = await page
    .locator('.react-flow__node[data-id^="agent"], .react-flow__node[data-id="agent"]')
    .first()
    .getAttribute("data-id");
  await dragBetween(page, handle(page, agentId!, "out"), handle(page, responseId, "in"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await expect(
    page.locator(`[data-testid="flow-issue"][data-severity="error"][data-node-id="${responseId}"]`).first(),
  ).toBeVisible();
  await expect(page.getByTestId("publish-button")).toBeDisabled();

  // Configure it in the inspector: the error clears and publishing is allowed.
  await node(page, responseId).click();
  await page
    .getByTestId("inspector")
    .getByLabel("Template")
    .fill("Thanks for contacting Acme. Reference: {{state.intent.label}}.");
  await expect(page.locator(`[data-testid="flow-issue"][data-severity="error"]`)).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });
  await expect(page.getByTestId("publish-button")).toBeEnabled();
  await publish(page, "First version with a closing response");
  await expect(page.getByTestId("published-version")).toContainText("v1");

  // A second version: rename the response.
  await node(page, responseId).click();
  await page
    .getByTestId("inspector")
    .getByLabel(/^(name|label)$/i)
    .fill("Closing wording");
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });
  await publish(page, "Rename the closing response");
  await expect(page.getByTestId("published-version")).toContainText("v2");

  // Diff v1 → v2, then roll back to v1 (which publishes v3).
  await page.goto(`/flows/${flowId}/history?a=1&b=2`);
  await expect(page.getByTestId("diff-view")).toBeVisible();
  await expect(page.getByTestId("diff-change").filter({ hasText: "Closing wording" }).first()).toBeVisible();
  await page.locator('[data-testid="version-row"][data-number="1"]').getByTestId("rollback-button").click();
  await page.getByTestId("rollback-note").fill("Back to the first wording");
  await page.getByTestId("rollback-confirm").click();
  await expect(page.locator('[data-testid="version-row"][data-number="3"]')).toBeVisible();

  // Export, then re-import under another slug: the same graph comes back as a new flow.
  await page.goto(`/flows/${flowId}/edit`);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file!, "utf8"));
  expect(exported.format).toBe("switchboard.flow");
  const copyPath = test.info().outputPath("copy.flow.json");
  writeFileSync(copyPath, JSON.stringify({ ...exported, name: "E2E designer copy", slug: "e2e-designer-copy" }));
  const badPath = test.info().outputPath("bad.flow.json");
  writeFileSync(
    badPath,
    JSON.stringify({
      ...exported,
      slug: "bad-copy",
      graph: { ...exported.graph, nodes: [{ id: "x", kind: "teleport" }] },
    }),
  );

  await page.goto("/flows");
  await page.getByTestId("import-input").setInputFiles(badPath);
  await expect(page.getByTestId("import-errors")).toContainText("graph.nodes[0]");
  await expect(page.getByTestId("flow-row").filter({ hasText: "bad-copy" })).toHaveCount(0);

  await page.getByTestId("import-input").setInputFiles(copyPath);
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  await expect(node(page, responseId)).toBeVisible();
});

test("two people editing the same draft: the second save is a conflict, not an overwrite", async ({
  adminPage: page,
  browser,
}) => {
  const flowId = await createFlow(page, "E2E conflict", "e2e-conflict");
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second);
  await second.goto(`/flows/${flowId}/edit`);
  await expect(second.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();

  const startId = "start";
  await node(page, startId).click();
  await page
    .getByTestId("inspector")
    .getByLabel(/^(name|label)$/i)
    .fill("Entry from the first tab");
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });

  await node(second, startId).click();
  await second
    .getByTestId("inspector")
    .getByLabel(/^(name|label)$/i)
    .fill("Entry from the second tab");
  await expect(second.getByTestId("conflict-banner")).toBeVisible({ timeout: 15_000 });
  await other.close();
});

test("a router with few examples suggests the semantic mode, and one click switches it", async ({
  adminPage: page,
}) => {
  await createFlow(page, "E2E router mode", "e2e-router-mode");
  await page.getByTestId("palette-search").fill("router");
  await page.locator('[data-testid="palette-item"][data-kind="router"]').click();
  const router = page.locator('.react-flow__node[data-id^="router"]').first();
  await expect(router).toBeVisible();
  await router.click();
  const inspector = page.getByTestId("inspector");
  const advice = inspector.getByRole("note", { name: "Classifier mode" });
  await expect(advice).toContainText("The semantic mode may suit these routes better");
  await expect(advice).toContainText("Routes here have 0 examples each (median).");
  await advice.getByRole("button", { name: "Use semantic mode" }).click();
  await expect(inspector.getByLabel("Mode", { exact: true })).toHaveValue("semantic");
  await expect(advice).toContainText("Mode: semantic.");
  await expect(advice.getByRole("button")).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });
});
