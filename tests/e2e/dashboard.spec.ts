// The dashboard's main job: after a real chat, the figures reflect it; filters (flow, channel, dates) change the
// figures and the URL; clicking a chart bar opens the conversations behind it, and one of them opens.
import { expect, test } from "./fixtures";

const today = () => new Date().toISOString().slice(0, 10);

test("dashboard filters and drill-down", async ({ browser, adminPage: page }) => {
  test.setTimeout(260_000);
  const tag = Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");
  const marker = `Where is my order A1001? Dashboard check ${tag}`;
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  await customer.getByTestId("chat-input").fill(marker);
  await customer.getByTestId("chat-input").press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1001" }),
  ).toBeVisible();
  await customer.close();

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // Every KPI carries its own definition, one button away.
  await expect(page.getByRole("button", { name: "Definition of Containment" })).toBeVisible();

  await page.getByLabel("Flow").selectOption({ label: "Retail support" });
  await expect(page).toHaveURL(/[?&]flow=/);
  await page.getByLabel("Channel").selectOption("web");
  await expect(page).toHaveURL(/[?&]channel=web/);
  await page.getByLabel("From (UTC)").fill(today());
  await page.getByLabel("To (UTC)").fill(today());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today()}.*to=${today()}`));

  // The roll-ups are refreshed every minute (and on a page view when older than that): reload until today's chat counts.
  // Allow two cron minutes plus a slow refresh on a loaded two-core machine (it took over 100 s twice here).
  await expect(async () => {
    // One slow page view must not use up the whole wait.
    await page.reload({ timeout: 30_000 });
    const value = await page.getByTestId("kpi-conversations").getByTestId("kpi-value").textContent();
    expect(Number((value ?? "0").replace(/,/g, ""))).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 160_000, intervals: [2_000, 5_000, 10_000] });
  const filteredUrl = page.url();

  // Another channel shows other figures (the chat came in on the web channel only).
  await page.getByLabel("Channel").selectOption("api");
  await expect(page).toHaveURL(/[?&]channel=api/);
  await page.goto(filteredUrl);

  // A custom range of one day is bucketed by hour. Click the last hour with conversations: the conversations
  // started in that hour, with the same filters.
  await expect(page.getByRole("heading", { name: "Conversations per hour" })).toBeVisible();
  const todaysBar = page.locator('[data-testid="activity-chart"] .recharts-bar-rectangle path').last();
  await todaysBar.hover();
  await todaysBar.click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/conversations\\?.*channel=web.*since=${today()}T`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /^Conversations started \w+ \d+, \d\d:00–\d\d:00 UTC$/,
  );
  const rows = page.getByTestId("drill-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("Retail support");

  await rows.first().getByRole("link", { name: /open/i }).click();
  await expect(page).toHaveURL(/\/conversations\/[^/?]+$/);
  await expect(page.getByText(marker)).toBeVisible();
});
