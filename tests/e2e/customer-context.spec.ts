import type { Browser, Page } from "@playwright/test";
import { retailDemoData } from "../../prisma/demo/retail-data";
import { chatConversationId, expect, orderEmail, test } from "./fixtures";

// The context panel beside an escalation: a verified demo customer shows their profile, their orders from the shop's
// data and their earlier conversation; an anonymous visitor shows the channel, that nobody is verified and the page
// the chat was opened on.

async function openChat(browser: Browser) {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  const agent = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  const say = async (text: string) => {
    await input.fill(text);
    await input.press("Enter");
  };
  return { customer, agent, say };
}

async function askForPerson(chat: Awaited<ReturnType<typeof openChat>>, label: string) {
  await chat.say("I want to talk to a human");
  await expect(chat.customer.getByTestId("chat-escalated")).toBeVisible();
  const marker = `${label} ${Date.now().toString(36)}`;
  await chat.say(marker);
  return marker;
}

async function openEscalation(page: Page, marker: string) {
  await page.goto("/inbox?status=open");
  const row = page.getByTestId("escalation-row").filter({ hasText: marker });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByTestId("escalation-open").click();
  await expect(page.getByTestId("escalation-page")).toBeVisible();
  return page.getByTestId("context-panel");
}

test("a verified customer's escalation shows their profile, orders and previous conversation", async ({
  browser,
  adminPage: page,
}) => {
  // Two chats before the inbox: longer than one.
  test.setTimeout(150_000);
  const data = retailDemoData();
  const ref = data.orders.find((o) => o.number === "A1003")!.customerRef;
  const person = data.customers.find((c) => c.ref === ref)!;
  const theirOrders = data.orders.filter((o) => o.customerRef === ref).map((o) => o.number);

  // An earlier conversation: the visitor proves A1003 is theirs and gets its status.
  const first = await openChat(browser);
  await first.say("Where is my order A1003?");
  await expect(first.agent.filter({ hasText: "What is the e-mail address on order A1003?" })).toBeVisible();
  await first.say(orderEmail("A1003"));
  await expect(first.agent.filter({ hasText: "has not shipped yet" })).toBeVisible();
  const earlierId = await chatConversationId(first.customer);
  await first.customer.close();

  // Today's: verified again in another browser, then asking for a person.
  const second = await openChat(browser);
  await second.say("Where is my order A1003?");
  await expect(second.agent.filter({ hasText: "What is the e-mail address on order A1003?" })).toBeVisible();
  await second.say(orderEmail("A1003"));
  await expect(second.agent.filter({ hasText: "has not shipped yet" })).toBeVisible();
  const marker = await askForPerson(second, "Context check");

  const panel = await openEscalation(page, marker);
  await expect(panel).toHaveAttribute("data-known", "true");
  await expect(panel.getByTestId("context-customer-name")).toHaveText(person.name);
  await expect(panel.getByTestId("context-profile")).toContainText(ref);
  await expect(panel.getByTestId("visit-identity")).toHaveAttribute("data-level", "verified");

  const orders = panel.getByTestId("context-order");
  await expect(orders).toHaveCount(Math.min(5, theirOrders.length));
  for (const number of await orders.evaluateAll((els) => els.map((el) => el.getAttribute("data-number")))) {
    expect(theirOrders).toContain(number);
  }
  await expect(orders.first()).toContainText("×");
  await expect(orders.first()).toContainText("$");

  const earlier = panel.getByTestId("context-conversation");
  await expect(earlier.locator(`a[href="/conversations/${earlierId}"]`)).toBeVisible();
  const customerPage = await panel.getByTestId("context-customer-name").getAttribute("href");
  await earlier.locator(`a[href="/conversations/${earlierId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/conversations/${earlierId}$`));

  // The customer page shows the same sections.
  await page.goto(customerPage!);
  await expect(page.getByTestId("context-order")).toHaveCount(Math.min(20, theirOrders.length));
  await expect(
    page.getByTestId("context-conversations").locator(`a[href="/conversations/${earlierId}"]`),
  ).toBeVisible();
  await second.customer.close();
});

test("an anonymous visitor's escalation shows the channel, identity level and the chat's page", async ({
  browser,
  adminPage: page,
}) => {
  const chat = await openChat(browser);
  const marker = await askForPerson(chat, "Anonymous check");
  const panel = await openEscalation(page, marker);
  await expect(panel).toHaveAttribute("data-known", "false");
  await expect(panel.getByTestId("visit-channel")).toHaveText("web");
  await expect(panel.getByTestId("visit-identity")).toHaveAttribute("data-level", "anonymous");
  await expect(panel.getByTestId("context-visit")).toContainText("/chat/acme-retail/retail-support");
  await expect(panel.getByTestId("context-anonymous")).toContainText("nobody has proved who they are");
  await expect(panel.getByTestId("context-order")).toHaveCount(0);
  await chat.customer.close();
});

test("the customers list drops to ref, name and conversations on a phone", async ({ adminPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/customers");
  const row = page.getByTestId("customer-row").first();
  await expect(row).toBeVisible();
  // Three cells shown (ref, name with the masked e-mail under it, conversations) instead of five.
  const visibleCells = await row
    .locator("td")
    .evaluateAll((cells) => cells.filter((c) => getComputedStyle(c).display !== "none").length);
  expect(visibleCells).toBe(3);
  await expect(row.locator("td").nth(1)).toContainText("***@");
});
