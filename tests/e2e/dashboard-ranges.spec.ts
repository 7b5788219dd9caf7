// The dashboard's relative ranges: the last 24 hours in hour buckets (counted from the conversations themselves, so a
// chat shows at once), KPI cards with a sparkline and the change against the previous 24 hours, a definition in a
// popover that Escape closes; 7 days in day buckets; the audit trail naming resources and linking to them; both pages
// at phone width.
import pg from "pg";
import { chatConversationId, e2eSuperuserUrl, expect, test } from "./fixtures";

async function chat(browser: import("@playwright/test").Browser, text: string): Promise<string> {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  await customer.getByTestId("chat-input").fill(text);
  await customer.getByTestId("chat-input").press("Enter");
  // The greeting shows before the conversation exists; its id (the resume cookie) comes with the first reply.
  await expect.poll(() => chatConversationId(customer), { timeout: 20_000 }).toBeTruthy();
  const id = await chatConversationId(customer);
  await customer.close();
  return id!;
}

test("dashboard ranges, sparklines, changes and definitions; audit names and links", async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(180_000);
  // One conversation now, one moved to yesterday's period, so the last 24 hours have something to compare with.
  await chat(browser, "Where is my order A1001?");
  const earlier = await chat(browser, "Where is my order A1002?");
  const db = new pg.Client({ connectionString: e2eSuperuserUrl() });
  await db.connect();
  try {
    await db.query(`UPDATE "Conversation" SET "startedAt" = "startedAt" - interval '30 hours' WHERE id = $1`, [
      earlier,
    ]);
  } finally {
    await db.end();
  }

  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Last 24 hours" }).click();
  await expect(page).toHaveURL(/[?&]range=24h/);
  await expect(page.getByRole("link", { name: "Last 24 hours" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Conversations per hour" })).toBeVisible();
  await expect(page.getByTestId("activity-chart")).toBeVisible();

  const conversations = page.getByTestId("kpi-conversations");
  const value = await conversations.getByTestId("kpi-value").textContent();
  expect(Number((value ?? "0").replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
  await expect(conversations.getByRole("img", { name: /^Conversations per hour, in the last 24 hours/ })).toBeVisible();
  // The change says which way it went in text, not only in colour.
  await expect(conversations.getByTestId("kpi-delta")).toHaveText(/[▲▼■] [+−±][\d.]+%/);
  await expect(conversations.getByTestId("kpi-delta")).toContainText("against the previous 24 hours");

  // A definition per KPI, in a disclosure: opens on click, closes with Escape and gives focus back.
  const definition = page.getByRole("button", { name: "Definition of Containment" });
  await expect(definition).toHaveAttribute("aria-expanded", "false");
  await definition.click();
  await expect(definition).toHaveAttribute("aria-expanded", "true");
  const popover = page.getByRole("region", { name: "Definition of Containment" });
  await expect(popover).toContainText("resolved without any escalation to a person");
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(definition).toBeFocused();

  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/[?&]range=7d/);
  await expect(page.getByRole("heading", { name: "Conversations per day" })).toBeVisible();

  // The audit trail names what the engine routed and links to the conversation.
  await page.goto("/audit?action=routing.decided");
  const row = page.getByTestId("audit-row").first();
  await expect(row.getByTestId("audit-resource-name")).toHaveText(/^Conversation with /);
  const link = row.getByTestId("audit-link-conversation");
  await expect(link).toHaveText(/^Conversation with .+ · \w{8}$/);
  await link.click();
  await expect(page).toHaveURL(/\/conversations\/[^/?]+$/);

  // Phone width: the cards stack, and neither page scrolls sideways inside the console's content area.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/dashboard?range=24h", "/audit"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.locator("main").evaluate((main) => main.scrollWidth - main.clientWidth);
    expect(overflow, `${url} overflows its content area`).toBeLessThanOrEqual(1);
  }
  await page.goto("/dashboard?range=24h");
  const boxes = await Promise.all(
    ["kpi-conversations", "kpi-resolved_rate"].map((id) => page.getByTestId(id).boundingBox()),
  );
  expect(boxes[0]!.x).toBe(boxes[1]!.x);
});
