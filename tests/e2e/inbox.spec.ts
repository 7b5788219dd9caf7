import { expect, test } from "./fixtures";

// Claim → reply → resolve: a customer asks the Retail demo for a person, an operator claims the escalation from the
// Inbox, answers with a canned reply plus their own words (the customer sees it in the chat), then resolves it.
test("an operator claims an escalation, replies with a canned reply and resolves it", async ({
  browser,
  adminPage: page,
}) => {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("I want to talk to a human");
  await input.press("Enter");
  await expect(customer.getByTestId("chat-escalated")).toBeVisible();
  // A second message, kept for the person, makes this conversation's row easy to find in the queue.
  const marker = `My parcel code is ${Date.now().toString(36)}`;
  await input.fill(marker);
  await input.press("Enter");

  await page.goto("/inbox?status=open");
  const row = page.getByTestId("escalation-row").filter({ hasText: marker });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByTestId("escalation-open").click();
  await expect(page.getByTestId("escalation-page")).toHaveAttribute("data-status", "open");
  await expect(page.getByTestId("escalation-why")).toContainText("Customer asked for a person");
  await expect(page.getByTestId("escalation-transcript")).toContainText(marker);

  // The queue stays on the left with its own Claim buttons: this is the ticket's.
  await page.getByTestId("ownership").getByTestId("claim").click();
  await expect(page.getByTestId("owner-name")).toHaveText("you");

  // "/" at the start of the reply opens the canned replies; typing filters by title; Enter inserts.
  const reply = page.getByTestId("reply-input");
  await reply.click();
  await reply.press("/");
  await expect(page.getByTestId("canned-picker")).toBeVisible();
  await page.getByTestId("canned-filter").fill("looking");
  await page.getByTestId("canned-filter").press("Enter");
  await expect(reply).toHaveValue(/I'm checking this with the team now/);
  await reply.press("End");
  await reply.pressSequentially(" Your code is noted.");
  await reply.press("Control+Enter");
  await expect(page.getByTestId("reply-sent")).toBeVisible();

  const operatorMessages = customer.locator('[data-testid="chat-message"][data-role="operator"]');
  await expect(operatorMessages.filter({ hasText: "I'm checking this with the team now" })).toContainText(
    "Your code is noted.",
    { timeout: 20_000 },
  );
  await expect(page.getByTestId("escalation-transcript")).toContainText("Your code is noted.", { timeout: 15_000 });

  await page.getByTestId("resolve-note").fill("All sorted, thanks for your patience.");
  await page.getByTestId("resolve").click();
  await expect(page.getByTestId("escalation-page")).toHaveAttribute("data-status", "resolved", { timeout: 20_000 });
  await expect(operatorMessages.filter({ hasText: "All sorted, thanks for your patience." })).toBeVisible({
    timeout: 20_000,
  });

  await page.goto("/inbox?status=resolved");
  await expect(page.getByTestId("escalation-row").filter({ hasText: marker })).toHaveAttribute(
    "data-status",
    "resolved",
  );
  await customer.close();
});

// The same job from the keyboard: c claims the focused row, Enter opens it; on the escalation, ? shows the shortcuts,
// r focuses the reply, / opens the canned replies (never while typing), Esc closes, Ctrl+Enter sends.
test("the inbox works from the keyboard", async ({ browser, adminPage: page }) => {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("I want to talk to a human");
  await input.press("Enter");
  await expect(customer.getByTestId("chat-escalated")).toBeVisible();
  const marker = `Keyboard check ${Date.now().toString(36)}`;
  await input.fill(marker);
  await input.press("Enter");

  // Unfiltered: once claimed, the row stays in "Waiting for a person" with its new owner.
  await page.goto("/inbox");
  const row = page.getByTestId("escalation-row").filter({ hasText: marker });
  await expect(row).toBeVisible({ timeout: 15_000 });
  // Keys work once the page has hydrated; the queue's live indicator connects only then.
  await expect(page.getByTestId("queue-live")).toHaveAttribute("data-state", "live");
  await row.getByTestId("escalation-open").focus();
  await page.keyboard.press("c");
  await expect(row.getByTestId("escalation-owner")).toHaveText("You");
  await row.getByTestId("escalation-open").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("escalation-page")).toHaveAttribute("data-status", "claimed");

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-panel")).toContainText("Insert a canned reply");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-panel")).toHaveCount(0);

  const reply = page.getByTestId("reply-input");
  await page.keyboard.press("r");
  await expect(reply).toBeFocused();
  await page.keyboard.type("Hello / there");
  await expect(page.getByTestId("canned-picker")).toHaveCount(0);
  await expect(reply).toHaveValue("Hello / there");

  await reply.blur();
  await page.keyboard.press("/");
  await expect(page.getByTestId("canned-filter")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("canned-picker")).toHaveCount(0);
  await expect(reply).toBeFocused();

  await page.keyboard.press("Control+Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="operator"]').filter({ hasText: "Hello / there" }),
  ).toBeVisible({ timeout: 20_000 });
  await customer.close();
});
