// The inspector fits the node: a deterministic agent has no model settings, switching it to an LLM agent shows them,
// and switching back and forth keeps what was typed; a built-in tool shows neither the HTTP nor the MCP section.
import { randomBytes } from "node:crypto";
import { createFlow, expect, test } from "./fixtures";

test("an agent's and a tool's fields follow their mode", async ({ adminPage: page }) => {
  const token = randomBytes(3).toString("hex");
  await createFlow(page, `E2E inspector ${token}`, `e2e-inspector-${token}`);
  const inspector = page.getByTestId("inspector");

  // The new flow's agent is deterministic.
  await page.locator('.react-flow__node[data-id="agent"]').click();
  const mode = inspector.getByLabel("Mode", { exact: true });
  await expect(mode).toHaveValue("deterministic");
  await expect(inspector.getByLabel("Reply", { exact: true })).toBeVisible();
  await expect(inspector.getByLabel(/^Tool/)).toBeVisible();
  for (const field of [/^Model/, /^System prompt/, /^Temperature/, /^Max turns/, /^Fallback model/])
    await expect(inspector.getByLabel(field)).toHaveCount(0);

  await mode.selectOption("llm");
  const model = inspector.getByLabel("Model", { exact: true });
  await expect(model).toBeVisible();
  await expect(inspector.getByLabel("System prompt", { exact: true })).toBeVisible();
  await expect(inspector.getByLabel(/^Tool/)).toHaveCount(0); // the deterministic agent's own tool call
  await model.fill("offline");

  await mode.selectOption("deterministic");
  await expect(model).toHaveCount(0);
  await mode.selectOption("llm");
  await expect(inspector.getByLabel("Model", { exact: true })).toHaveValue("offline");

  // A tool from the palette is a built-in one: no HTTP request or MCP section until its source says so.
  await page.getByTestId("palette-search").fill("tool");
  await page.locator('[data-testid="palette-item"][data-kind="tool"]').focus();
  await page.keyboard.press("Enter");
  await expect(inspector.getByLabel(/^Built-in tool/)).toHaveValue("lookup_order");
  await expect(inspector.getByRole("group", { name: "HTTP request" })).toHaveCount(0);
  await expect(inspector.getByRole("group", { name: "MCP tool" })).toHaveCount(0);
  await inspector.getByLabel("Source", { exact: true }).selectOption("http");
  await expect(inspector.getByRole("group", { name: "HTTP request" })).toBeVisible();
  await expect(inspector.getByLabel(/^Built-in tool/)).toHaveCount(0);
});
