import { expect, orderEmail, test } from "./fixtures";

// A large refund asked for in the public chat (by a visitor who proves the order is theirs) waits for an operator: the
// customer reads the refund-policy disclosure,
// the Inbox shows the held call, and approving it lets the agent finish the refund in the same chat.
test("a refund over $100 waits in the Inbox and completes in the chat once approved", async ({
  browser,
  adminPage: page,
}) => {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("Please refund order A1004");
  await input.press("Enter");
  const agentMessages = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  await expect(agentMessages.filter({ hasText: "What is the e-mail address on order A1004?" })).toBeVisible();
  await input.fill(orderEmail("A1004"));
  await input.press("Enter");
  await expect(agentMessages.filter({ hasText: "Refunds over $100 are reviewed by our returns team" })).toBeVisible();
  await expect(
    agentMessages.filter({ hasText: "Your refund of $288.00 for order A1004 is waiting for that review" }),
  ).toBeVisible();

  await page.goto("/inbox");
  await page.getByTestId("inbox-tab-approvals").click();
  const row = page.getByTestId("approval-row").filter({ hasText: "A1004" }).first();
  await expect(row).toContainText("$288.00");
  await expect(row).toContainText(/waiting/);
  await row.getByTestId("approve").click();
  await expect(page.getByTestId("approval-row").filter({ hasText: "A1004" })).toHaveCount(0);

  // The chat polls for replies that arrive after a person acts.
  await expect(agentMessages.filter({ hasText: "Done: I've refunded $288.00 for order A1004" })).toBeVisible({
    timeout: 20_000,
  });
  await customer.close();
});
