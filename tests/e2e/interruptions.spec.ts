import { expect, orderEmail, test } from "./fixtures";

// A customer changes their mind mid-question and the flow follows; a customer asks for a person while a large refund
// waits for approval and is passed to one, and the operator finds the conversation with the refund still waiting,
// and is warned before resolving over the customer's unanswered message.
test("switching to a cancellation mid-question, and asking for a person while a refund waits", async ({
  browser,
  adminPage: page,
}) => {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  const agent = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  const say = async (text: string) => {
    await input.fill(text);
    await input.press("Enter");
  };

  await say("Where is my order?");
  await expect(
    agent.filter({ hasText: "What is the order number, and the e-mail address on that order?" }),
  ).toBeVisible();
  await say("actually, forget that, I want to cancel order A1041");
  await expect(agent.filter({ hasText: "What is the e-mail address on order A1041?" })).toBeVisible();
  await say(orderEmail("A1041"));
  await expect(agent.filter({ hasText: "order A1041 is cancelled" })).toBeVisible();

  // Verified as A1041's owner, their other (delivered, $129) order needs no second check.
  await say("Please refund order A1046");
  await expect(
    agent.filter({ hasText: "Your refund of $129.00 for order A1046 is waiting for that review" }),
  ).toBeVisible();
  await say("hello? can I talk to a person");
  await expect(customer.getByTestId("chat-escalated")).toBeVisible();
  // Kept for the person, and a way to find this conversation in the queue.
  const marker = `Refund question ${Date.now().toString(36)}`;
  await say(marker);

  await page.goto("/inbox?status=open");
  const row = page.getByTestId("escalation-row").filter({ hasText: marker });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByTestId("escalation-open").click();
  await expect(page.getByTestId("escalation-why")).toContainText("Customer asked for a person");
  await expect(page.getByTestId("approval-card").filter({ hasText: "A1046" })).toContainText("$129.00");

  // Resolving while the customer's last message has no reply asks for a second click first.
  await page.getByTestId("resolve").click();
  await expect(page.getByTestId("resolve-unanswered")).toContainText(marker);
  await expect(page.getByTestId("escalation-page")).toHaveAttribute("data-status", "open");
  await page.getByTestId("resolve").click();
  await expect(page.getByTestId("escalation-page")).toHaveAttribute("data-status", "resolved", { timeout: 20_000 });
  await customer.close();
});
