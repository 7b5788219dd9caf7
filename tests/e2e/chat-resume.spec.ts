import { chatConversationId, expect, test } from "./fixtures";

// The chat follows the customer: a second tab of the same browser and a reload show the same conversation (an
// HttpOnly cookie the page's scripts never see), another tab follows when it comes back to the front, and starting a
// new conversation stays an explicit choice.
test("the same conversation in a second tab and after a reload; a new one only when asked", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto("/chat/acme-retail/retail-support");
  const input = first.getByTestId("chat-input");
  await input.fill("Where is order A1001?");
  await input.press("Enter");
  const reply = (page: typeof first) =>
    page.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1001" });
  await expect(reply(first)).toBeVisible();
  const conversationId = await chatConversationId(first);
  expect(conversationId).toBeTruthy();
  const cookie = (await context.cookies()).find((c) => c.name === "sb_chat_acme-retail_retail-support");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(await first.evaluate(() => document.cookie)).not.toContain("sb_chat_");

  // A second tab of the same browser: the same conversation, and again after a reload.
  const second = await context.newPage();
  await second.goto("/chat/acme-retail/retail-support");
  const customerMessages = (page: typeof first) => page.locator('[data-testid="chat-message"][data-role="customer"]');
  await expect(customerMessages(second)).toContainText(["Where is order A1001?"]);
  await expect(reply(second)).toBeVisible();
  await second.reload();
  await expect(customerMessages(second)).toContainText(["Where is order A1001?"]);
  await expect(reply(second)).toBeVisible();

  // Saying goodbye ends it; "Start a new conversation" empties the chat, and a reload does not bring it back.
  await second.getByTestId("chat-input").fill("bye");
  await second.getByTestId("chat-input").press("Enter");
  await expect(second.getByTestId("chat-ended")).toBeVisible();
  await second.getByTestId("chat-new").click();
  await expect(customerMessages(second)).toHaveCount(0);
  await expect(second.getByTestId("chat-ended")).toHaveCount(0);
  await expect(second.locator('[data-testid="chat-message"][data-role="agent"]')).toHaveCount(1); // the greeting
  await expect.poll(() => chatConversationId(second)).toBeNull();
  await second.reload();
  await expect(second.getByTestId("chat-input")).toBeEnabled();
  await expect(customerMessages(second)).toHaveCount(0);

  // The new conversation starts with its first message; the first tab follows when it is back in front.
  await second.getByTestId("chat-input").fill("Where is order A1002?");
  await second.getByTestId("chat-input").press("Enter");
  await expect(
    second.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1002" }),
  ).toBeVisible();
  const next = await chatConversationId(second);
  expect(next).toBeTruthy();
  expect(next).not.toBe(conversationId);
  await first.bringToFront();
  await first.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(customerMessages(first)).toContainText(["Where is order A1002?"]);
  await context.close();
});
