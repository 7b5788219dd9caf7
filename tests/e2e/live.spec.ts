// Live: a conversation appears and updates on /live as the customer chats, without a reload; the channel filter
// applies to the live list; an operator takes one over from the list (in the in-app dialog, landing in the ticket),
// and back on the list the keyboard finds it escalated.
import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";

test("a chat appears and updates live, filters by channel, and is taken over from the list", async ({
  adminPage: page,
  browser,
}) => {
  const token = randomBytes(3).toString("hex");
  await page.goto("/live");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "still here"));

  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill(`Where is my order A1002? (${token})`);
  await input.press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1002" }),
  ).toBeVisible();

  const row = page.getByTestId("conversation-row").filter({ hasText: token });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("data-status", "active");
  const count = Number(await row.getAttribute("data-message-count"));

  await input.fill(`And order A1003? (${token}-2)`);
  await input.press("Enter");
  await expect(row).toContainText(`${token}-2`);
  await expect.poll(async () => Number(await row.getAttribute("data-message-count"))).toBeGreaterThan(count);
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("still here");
  await customer.close();

  // The channel filter: a web chat is not an API conversation.
  await page.getByLabel("Channel").selectOption("api");
  await expect(page).toHaveURL(/channel=api/);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  await expect(row).toHaveCount(0);
  await page.getByLabel("Channel").selectOption("web");
  await expect(page).toHaveURL(/channel=web/);
  await expect(row).toBeVisible();

  // Take over: confirm in the dialog, land in the ticket the engine opened; back on the list the row says so.
  await row.getByRole("button", { name: "Take over" }).click();
  await page.getByTestId("take-over-dialog").getByRole("button", { name: "Take over and open" }).click();
  await expect(page).toHaveURL(/\/inbox\/[a-z0-9]+$/, { timeout: 15_000 });
  await page.goto("/live?channel=web");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  await expect(row).toHaveAttribute("data-status", "escalated");
  await expect(row.getByRole("button", { name: "Take over" })).toHaveCount(0);

  // The keyboard: k to the top whatever was selected, j down to it, t: it is no longer active, and the page says so.
  const ids = await page
    .getByTestId("conversation-row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
  const target = await row.getAttribute("data-id");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < ids.length; i++) await page.keyboard.press("k");
  await expect(page.getByTestId("conversation-row").first()).toHaveAttribute("aria-current", "true");
  for (let i = 0; i < ids.indexOf(target); i++) await page.keyboard.press("ArrowDown");
  await expect(row).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("t");
  await expect(page.getByTestId("live-error")).toContainText("this one is escalated");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/conversations/${target}`));
});
