// Live's order: an update shows where the row stands at once, the row then takes its place at the top, and while the
// operator points at the list nothing moves under the pointer (the page says the order is held).
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A customer chat in its own context (the resume cookie would otherwise continue one conversation). */
async function openChat(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/chat/acme-retail/retail-support");
  const say = async (text: string, answer: string) => {
    await page.getByTestId("chat-input").fill(text);
    await page.getByTestId("chat-input").press("Enter");
    await expect(
      page.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: answer }),
    ).toBeVisible({ timeout: 30_000 });
  };
  return { say };
}

test("an update shows in place, the row then moves up, and the order holds under the pointer", async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(120_000);
  const token = `zo${randomBytes(3).toString("hex")}`;
  const first = await openChat(browser);
  await first.say(`Where is my order A1002? ${token} first`, "A1002");
  const second = await openChat(browser);
  await second.say(`Where is my order A1002? ${token} second`, "A1002");

  await page.goto(`/live?q=${token}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  const rows = page.getByTestId("conversation-row");
  await expect(rows).toHaveCount(2);
  const order = () => rows.evaluateAll((list) => list.map((row) => row.getAttribute("data-id")));
  const newer = await rows.filter({ hasText: `${token} second` }).getAttribute("data-id");
  const olderId = await rows.filter({ hasText: `${token} first` }).getAttribute("data-id");
  const older = page.locator(`[data-testid="conversation-row"][data-id="${olderId}"]`);
  expect(await order()).toEqual([newer, olderId]);
  const count = Number(await older.getAttribute("data-message-count"));

  // The pointer is on the list: the older conversation's new message shows in its row, which stays where it is.
  await rows.first().hover();
  await first.say(`And order A1003? ${token} again`, "A1003");
  await expect.poll(async () => Number(await older.getAttribute("data-message-count"))).toBeGreaterThan(count);
  await expect(rows.nth(1)).toContainText(`${token} again`);
  await expect(page.getByTestId("live-order-held")).toBeVisible();
  await page.waitForTimeout(2500); // longer than the order's calm pace: held, not merely late
  expect(await order()).toEqual([newer, olderId]);

  // The pointer leaves: the list takes its true order, most recent activity first.
  await page.mouse.move(0, 0);
  await expect.poll(order, { timeout: 10_000 }).toEqual([olderId, newer]);
  await expect(page.getByTestId("live-order-held")).toHaveCount(0);

  // Nobody in the list: the other conversation's next message brings it back to the top by itself.
  await second.say(`And order A1003? ${token} back`, "A1003");
  await expect.poll(order, { timeout: 10_000 }).toEqual([newer, olderId]);
});
