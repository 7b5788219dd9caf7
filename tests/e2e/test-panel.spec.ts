import { expect, orderEmail, test } from "./fixtures";

// The designer's Test panel teaches what the flow did: a test message through the Retail demo's order-status path
// shows, per node in path order, the router's chosen route with its score, the agent's tool call and the state it
// changed, in sections that open and close from the keyboard.
test("the test panel shows each node's route, tool call and state changes", async ({ adminPage: page }) => {
  await page.goto("/flows");
  await page.getByRole("link", { name: "Retail support" }).first().click();
  await expect(page).toHaveURL(/\/flows\/[^/]+$/);
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();

  await page.getByTestId("test-button").click();
  const panel = page.getByTestId("test-panel");
  await page.getByTestId("test-input").fill(`Where is my order A1001? My e-mail is ${orderEmail("A1001")}`);
  await page.getByTestId("test-input").press("Enter");
  await expect(panel.locator('[data-testid="test-message"][data-role="agent"]').last()).toContainText("A1001", {
    timeout: 60_000,
  });

  // The newest turn is open; the router's section is open too, with its choice, score and threshold.
  const turn = panel.getByTestId("test-turn").last();
  await expect(turn.getByRole("button", { name: /What the flow did/ })).toHaveAttribute("aria-expanded", "true");
  const router = turn.locator('[data-testid="test-node"][data-node-id="router"]');
  await expect(router.getByTestId("test-node-route")).toContainText(
    /Went to Order status .* with \d+\.\d% \(threshold 45\.0%\)/,
  );
  const taken = router.locator('[data-testid="decision-candidate"][data-chosen="true"]');
  await expect(taken).toContainText("Order status");
  await expect(taken).toContainText(/\d+\.\d%/);
  await expect(router.getByTestId("decision-candidate")).toHaveCount(5);

  // The agent's tool call, by the tool node's label, with what it returned; and the state it changed.
  const agent = turn.locator('[data-testid="test-node"][data-node-id="order_status_agent"]');
  const call = agent.getByTestId("test-tool-call");
  await expect(call).toHaveCount(1);
  await expect(call).toContainText("Order lookup");
  await expect(call).toContainText("lookup_order");
  await expect(call).toContainText("ran");
  await expect(call).toContainText('"number": "A1001"');
  await expect(agent.locator('[data-testid="state-changes"] li[data-change="added"]').first()).toBeVisible();
  const verify = turn.locator('[data-testid="test-node"][data-node-id="verify_order_status"]');
  await expect(verify.getByTestId("state-changes")).toContainText("orderNumber");

  // A node that did nothing to teach stays on its line; it opens from the keyboard, with honest empty states.
  const start = turn.locator('[data-testid="test-node"][data-node-id="start"]');
  const startButton = start.getByRole("button").first();
  await expect(startButton).toHaveAttribute("aria-expanded", "false");
  await startButton.focus();
  await page.keyboard.press("Enter");
  await expect(startButton).toHaveAttribute("aria-expanded", "true");
  await expect(start.getByTestId("test-node-body")).toContainText("This node changed no state.");
  await expect(start.getByTestId("test-node-id")).toHaveText("id start");
  await page.keyboard.press("Space");
  await expect(startButton).toHaveAttribute("aria-expanded", "false");

  // The next message's turn opens and the previous one folds to its line.
  await page.getByTestId("test-input").fill("thanks");
  await page.getByTestId("test-input").press("Enter");
  await expect(panel.getByTestId("test-turn")).toHaveCount(2, { timeout: 60_000 });
  await expect(
    panel
      .getByTestId("test-turn")
      .first()
      .getByRole("button", { name: /What the flow did/ }),
  ).toHaveAttribute("aria-expanded", "false");
  await expect(
    panel
      .getByTestId("test-turn")
      .last()
      .getByRole("button", { name: /What the flow did/ }),
  ).toHaveAttribute("aria-expanded", "true");
});
