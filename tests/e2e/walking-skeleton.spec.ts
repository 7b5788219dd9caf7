import { expect, signIn, test } from "./fixtures";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("admin@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/sign-in/);
});

test("console pages need a session", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("an unknown page is a real 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("both demo flows are listed", async ({ adminPage: page }) => {
  await page.goto("/flows");
  await expect(page.getByTestId("flow-row").filter({ hasText: "Retail support" })).toBeVisible();
  await expect(page.getByTestId("flow-row").filter({ hasText: "Banking support" })).toBeVisible();
});

test("chat with the Retail flow, then find the conversation and the escalation in the console", async ({
  browser,
  page,
}) => {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");

  await input.fill("Where is my order A1001?");
  await input.press("Enter");
  const agentMessages = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  await expect(agentMessages.filter({ hasText: "A1001" })).toBeVisible();

  await input.fill("I want to talk to a human");
  await input.press("Enter");
  await expect(agentMessages.filter({ hasText: /connecting you/i })).toBeVisible();
  // Kept for the person; other specs chat about A1001 too, so this finds this conversation and no other.
  const marker = `Skeleton check ${Date.now().toString(36)}`;
  await input.fill(marker);
  await input.press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="customer"]').filter({ hasText: marker }),
  ).toBeVisible();
  await customer.close();

  await signIn(page);
  await page.goto("/live");
  const row = page.getByTestId("conversation-row").filter({ hasText: marker }).first();
  await expect(row).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(page.getByText(marker).first()).toBeVisible();
  await expect(page.getByText("Where is my order A1001?", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/order_status/).first()).toBeVisible();

  await page.goto("/inbox");
  await expect(
    page.getByTestId("escalation-row").filter({ hasText: "Customer asked for a person" }).first(),
  ).toBeVisible();
});
