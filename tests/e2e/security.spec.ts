// The attack suite's browser half (issue 17): what a browser sees of the hardening. Each test failed on the build
// before it: no security headers, an open redirect through a tab in callbackUrl, a 500 for a huge action body, and an
// anonymous visitor's refund.
import { E2E_ADMIN } from "../../playwright.config";
import { expect, test } from "./fixtures";

test("console and chat pages carry security headers; only listed sites may frame the chat", async ({ page }) => {
  const signIn = await page.goto("/sign-in");
  const headers = signIn!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src [^;]*'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);

  const chat = await page.goto("/chat/acme-retail/retail-support");
  expect(chat!.headers()["content-security-policy"]).toMatch(/frame-ancestors/);
  expect(chat!.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the console works under its CSP: no script is refused", async ({ adminPage: page }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto("/flows");
  await page.getByTestId("flow-row").filter({ hasText: "Retail support" }).getByRole("link").first().click();
  await page.getByRole("link", { name: "Edit", exact: true }).first().click();
  // The designer: React Flow renders nodes with inline styles and scripts only under the page's nonce.
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Web chat" })).toBeVisible();
  expect(refused).toEqual([]);
});

test("a sign-in callback with a tab in it stays on this site", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/%09/evil.example");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a 5 MB body to the chat's server action is refused with 413, not a 500", async ({ page }) => {
  await page.goto("/chat/acme-retail/retail-support");
  const response = await page.request.post("/chat/acme-retail/retail-support", {
    headers: { "Next-Action": "0".repeat(40), "Content-Type": "text/plain;charset=UTF-8" },
    data: "x".repeat(5 * 1024 * 1024),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toMatch(/too large/);
});

test("an anonymous visitor asking for a refund is asked to prove the order is theirs first", async ({ page }) => {
  await page.goto("/chat/acme-retail/retail-support");
  const input = page.getByTestId("chat-input");
  await input.fill("Please refund order A1009");
  await input.press("Enter");
  const agent = page.locator('[data-testid="chat-message"][data-role="agent"]');
  await expect(agent.filter({ hasText: "What is the e-mail address on order A1009?" })).toBeVisible();
  await input.fill("someone.else@example.com");
  await input.press("Enter");
  await expect(agent.filter({ hasText: "doesn't match our records" })).toBeVisible();
  await expect(agent.filter({ hasText: /refunded/ })).toHaveCount(0);
});
