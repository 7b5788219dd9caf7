// Sticky notes and groups travel with the flow (saved, exported, imported as a new flow), and an output can be linked
// from the command palette without touching the mouse. Inserting a node on a link by a real drop is covered in
// designer-placement.spec.ts.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createFlow, expect, test } from "./fixtures";

const freshFlow = (page: Page, name: string) => {
  const token = randomBytes(3).toString("hex");
  return createFlow(page, `${name} ${token}`, `${name.toLowerCase().replace(/\s+/g, "-")}-${token}`);
};
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const NOTE = "Billing asks for the order number first.";

test("notes and groups survive export and import", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E notes");

  // A note from the palette, its text typed straight into the side panel.
  await page.getByTestId("add-note").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("note-text")).toBeFocused();
  await page.keyboard.type(NOTE);
  await expect(page.getByTestId("note-node")).toContainText(NOTE);

  // A group around two selected nodes, titled the same way.
  await node(page, "start").click();
  await node(page, "agent").click({ modifiers: ["Shift"] });
  await page.getByTestId("add-group").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("group-title")).toBeFocused();
  await page.keyboard.type("Greeting");
  await expect(page.getByTestId("group-node")).toContainText("Greeting");
  await expect(page.getByTestId("group-members")).toHaveText(/Start\s*Assistant/);
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });

  const download = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.graph.notes).toEqual([expect.objectContaining({ text: NOTE, color: "yellow" })]);
  expect(exported.graph.groups).toEqual([expect.objectContaining({ title: "Greeting", nodeIds: ["start", "agent"] })]);

  const token = randomBytes(3).toString("hex");
  const copyPath = test.info().outputPath("notes-copy.flow.json");
  writeFileSync(
    copyPath,
    JSON.stringify({ ...exported, name: `E2E notes copy ${token}`, slug: `e2e-notes-copy-${token}` }),
  );
  await page.goto("/flows");
  await page.getByTestId("import-input").setInputFiles(copyPath);
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId("note-node")).toContainText(NOTE);
  await expect(page.getByTestId("group-node")).toContainText("Greeting");

  // Selected and deleted with the keyboard like a node; one undo brings it back.
  await page.getByTestId("note-node").click();
  await expect(page.getByTestId("annotation-inspector")).toHaveAttribute("data-kind", "note");
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("note-node")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("note-node")).toContainText(NOTE);
});

test("an output is linked from the command palette with the keyboard only", async ({ adminPage: page }) => {
  await freshFlow(page, "E2E palette connect");
  const edges = page.locator(".react-flow__edge");
  const announcement = page.getByTestId("editor-announcement");
  await expect(edges).toHaveCount(1);

  // Nothing selected: the End node goes in view, unlinked.
  await page.getByTestId("palette-search").fill("end");
  await page.locator('[data-testid="palette-item"][data-kind="end"]').focus();
  await page.keyboard.press("Enter");
  await expect(page.locator('.react-flow__node[data-id="end"]')).toHaveCount(1);
  await expect(edges).toHaveCount(1);

  // Select the agent from the palette, then link its output to End.
  const query = page.getByRole("combobox", { name: /find a node/i });
  await page.keyboard.press("Control+k");
  await expect(query).toBeFocused();
  await page.keyboard.type("Assistant");
  await page.keyboard.press("Enter");
  await expect(node(page, "agent")).toHaveClass(/selected/);
  await page.keyboard.press("Control+k");
  await expect(query).toBeFocused();
  await page.keyboard.type("connect end");
  // Only what the connection rule accepts is offered: never Start, which has no input.
  await expect(page.getByTestId("connect-command")).toHaveText(["Connect Assistant → End"]);
  await page.keyboard.press("Enter");
  await expect(announcement).toHaveText("Connected Assistant → End. Undo with Ctrl+Z.");
  await expect(edges).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-id^="e_agent_out"]')).toHaveCount(1);

  await page.keyboard.press("Control+z");
  await expect(edges).toHaveCount(1);
});
