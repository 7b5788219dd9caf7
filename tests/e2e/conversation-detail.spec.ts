import { chatConversationId, expect, signIn, test } from "./fixtures";

// The conversation page's main jobs: read the trace (tree, timeline, a span's input/output), review a routing
// decision, see the path on the flow, watch the conversation live and take it over.
test("trace, routing review, path and live updates on a Retail conversation", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("where is my order A1002");
  await input.press("Enter");
  const agentMessages = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  await expect(agentMessages.filter({ hasText: "A1002" })).toBeVisible();
  const conversationId = await chatConversationId(customer);
  expect(conversationId).toBeTruthy();

  await signIn(page);
  await page.goto(`/conversations/${conversationId}`);
  await expect(page.getByText("where is my order A1002")).toBeVisible();

  // The span tree and its timeline: one row per span, error-free here, with waterfall bars.
  const tree = page.getByTestId("span-tree");
  await expect(tree).toBeVisible();
  const rows = tree.locator("[data-span-row]");
  // Rows are drawn on the client once the tree has mounted.
  await expect(rows.nth(5)).toBeAttached();
  await expect(tree.locator('[data-span-row][data-kind="run"]').first()).toBeVisible();
  await expect(tree.locator("[data-bar]").first()).toBeVisible();
  expect(await page.evaluate(() => performance.getEntriesByName("sb-trace-rendered").length)).toBe(1);

  // Selecting a span shows its input and output.
  await tree.locator('[data-span-row][data-kind="node"]').nth(1).click();
  const details = page.getByTestId("span-details");
  await expect(details.getByTestId("span-input")).toContainText("Input");
  await expect(details.getByTestId("span-output")).toContainText("Output");
  await expect(details.getByTestId("span-output").locator("pre")).toBeVisible();

  // A step's input and output (and a router's every candidate) load when the step is expanded.
  const firstRouter = page.locator('[data-testid="trace-step"][data-kind="router"]').first();
  await expect(firstRouter.getByTestId("router-decision")).toBeVisible();
  const stepDetails = firstRouter.getByTestId("step-details");
  await stepDetails.locator("summary").click();
  await expect(stepDetails.getByTestId("step-candidates").locator("tr").first()).toBeVisible();
  await expect(stepDetails.getByTestId("step-output").locator("pre")).toContainText("decision");
  await expect(stepDetails.getByTestId("step-input")).toContainText("Input");

  // Mark the routing decision wrong with an expected route; the verdict persists.
  const routerStep = page.locator('[data-testid="trace-step"][data-kind="router"]').last();
  const review = routerStep.getByTestId("routing-review");
  await review.getByTestId("mark-wrong").click();
  const expectedSelect = review.getByTestId("expected-route");
  const expectedLabel = (await expectedSelect.locator("option").first().textContent())!.trim();
  await review.getByTestId("review-note").fill("the customer asked about a delivery");
  await review.getByTestId("save-wrong").click();
  await expect(review.getByTestId("routing-verdict")).toContainText("marked wrong");
  await page.reload();
  const verdict = page.locator('[data-testid="trace-step"][data-kind="router"]').last().getByTestId("routing-verdict");
  await expect(verdict).toContainText("marked wrong");
  await expect(verdict).toContainText(expectedLabel);
  await expect(verdict).toContainText("the customer asked about a delivery");

  // The path on the flow version: visited nodes are marked, others are not.
  await page.locator("#path-heading").scrollIntoViewIfNeeded();
  await expect(page.locator('[data-testid="path-node"][data-visited="true"]').first()).toBeVisible({ timeout: 20_000 });
  expect(await page.locator('[data-testid="path-node"][data-visited="true"]').count()).toBeGreaterThanOrEqual(3);
  expect(await page.locator('[data-testid="path-node"][data-visited="false"]').count()).toBeGreaterThan(0);

  // Live: the customer writes again and the new message appears without a reload.
  await expect(page.getByTestId("live-conversation")).toHaveAttribute("data-state", "live");
  await input.fill("and where is A1001?");
  await input.press("Enter");
  await expect(page.getByText("and where is A1001?")).toBeVisible({ timeout: 15_000 });

  // Take over: the same in-app dialog as Live quotes the customer's last message, and confirming lands in the ticket
  // the engine opened, owned by this operator.
  await page.getByTestId("take-over").click();
  const dialog = page.getByTestId("take-over-dialog");
  await expect(dialog).toContainText("and where is A1001?");
  await dialog.getByRole("button", { name: "Take over and open" }).click();
  await expect(page).toHaveURL(/\/inbox\/[a-z0-9]+$/, { timeout: 20_000 });
  await expect(page.getByTestId("escalation-status")).toContainText(/claimed/i);
  await customer.close();
});

// A long conversation opens with its newest turns' traces; an older turn shows its step count and loads its steps
// (the same steps, with their input and output on demand) when a reader opens it, by mouse or keyboard.
test("a long conversation draws its newest traces up front and loads an older turn's steps when opened", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  const agent = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  // Twelve off-topic questions: four steps each (start, guardrail, router, agent), more than the page draws up front.
  for (let i = 1; i <= 12; i++) {
    const replies = await agent.count();
    await input.fill(`Question ${i}: how long does shipping take?`);
    await input.press("Enter");
    await expect(agent).toHaveCount(replies + 1, { timeout: 15_000 });
  }
  const conversationId = await chatConversationId(customer);
  await customer.close();

  await signIn(page);
  await page.goto(`/conversations/${conversationId}`);
  const turn = (n: number) => page.locator(`[data-testid="turn"][data-turn="${n}"]`);
  await expect(turn(12).getByTestId("turn-steps-toggle")).toHaveAttribute("aria-expanded", "true");
  await expect(turn(12).getByTestId("trace-step")).toHaveCount(4);

  const oldest = turn(1).getByTestId("turn-steps-toggle");
  await expect(oldest).toHaveAttribute("aria-expanded", "false");
  await expect(oldest).toContainText("4 steps");
  await expect(turn(1).getByTestId("trace-step")).toHaveCount(0);
  await oldest.focus();
  await page.keyboard.press("Enter");
  await expect(oldest).toHaveAttribute("aria-expanded", "true");
  await expect(turn(1).getByTestId("trace-step")).toHaveCount(4);
  const router = turn(1).locator('[data-testid="trace-step"][data-kind="router"]');
  await expect(router.getByTestId("router-decision")).toBeVisible();
  await router.getByTestId("step-details").locator("summary").click();
  await expect(router.getByTestId("step-candidates").locator("tr").first()).toBeVisible();

  // Closing a turn hides its steps; a newest turn closes too.
  await turn(12).getByTestId("turn-steps-toggle").click();
  await expect(turn(12).getByTestId("trace-step")).toHaveCount(0);
});
