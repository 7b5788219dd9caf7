import { chatConversationId, expect, signIn, test } from "./fixtures";

// The eval loop from a real conversation: chat once, save the conversation as a test case in a new suite, run the
// suite against the published version and see the case pass with its checks and trace.
test("save a conversation as a case, run its suite against the live version, see it pass", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("where is my order A1002");
  await input.press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1002" }),
  ).toBeVisible();
  const conversationId = await chatConversationId(customer);
  expect(conversationId).toBeTruthy();
  await customer.close();

  await signIn(page);
  await page.goto(`/conversations/${conversationId}`);
  await page.getByTestId("save-as-case").click();
  const dialog = page.getByTestId("save-as-case-dialog");
  await expect(dialog).toBeVisible();
  const suiteName = `Order questions ${Date.now()}`;
  await dialog.getByTestId("save-case-suite").selectOption({ value: "__new__" });
  await dialog.getByTestId("save-case-new-suite").fill(suiteName);
  await dialog.getByTestId("save-case-name").fill("Order A1002 status");
  await dialog.getByTestId("save-case-submit").click();
  await dialog.getByTestId("saved-suite-link").click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(suiteName);
  const caseRow = page.getByTestId("case-row").filter({ hasText: "Order A1002 status" });
  await expect(caseRow).toContainText("where is my order A1002");
  await expect(caseRow.getByRole("list", { name: "Expectations" })).toBeVisible();
  await expect(page.getByTestId("no-runs")).toBeVisible();

  // The live version is the default target; choose it explicitly all the same.
  const target = page.getByTestId("run-target");
  const live = target.locator("option", { hasText: "(live)" });
  await target.selectOption({ value: (await live.getAttribute("value"))! });
  await page.getByTestId("run-suite").click();
  await expect(page).toHaveURL(/\/evals\/runs\//);
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "done", { timeout: 120_000 });

  const result = page.getByTestId("run-case").filter({ hasText: "Order A1002 status" });
  await expect(result).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("pass-rate").first()).toContainText("100%");
  await result.locator("summary").click();
  await expect(result.getByTestId("run-check").first()).toHaveAttribute("data-passed", "true");
  await expect(result.getByTestId("case-trace-link")).toHaveAttribute("href", /\/conversations\//);

  // The suite page lists the run, and the overview shows the suite with its latest pass rate.
  await page.getByRole("link", { name: suiteName }).click();
  await expect(page.getByTestId("run-row").first()).toHaveAttribute("data-status", "done");
  await page.goto("/evals");
  const row = page.getByTestId("eval-suite-row").filter({ hasText: suiteName });
  await expect(row).toContainText("100%");
  await expect(row).toContainText("Gates publishing");
});

// A case picks its routes and tools from the suite's flow, shown by label with the name traces use, so a typo cannot
// be saved; the case list reads the same names.
test("a case picks its route and tools from the flow", async ({ adminPage: page }) => {
  await page.goto("/evals");
  const form = page.getByTestId("create-suite-form");
  await form.getByTestId("suite-flow").selectOption({ label: "Retail support" });
  const suiteName = `Picked names ${Date.now()}`;
  await form.getByTestId("suite-name").fill(suiteName);
  await form.getByTestId("suite-save").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(suiteName);

  await page.getByTestId("add-case").click();
  const dialog = page.getByTestId("case-dialog");
  await dialog.getByTestId("case-name").fill("Order status by pick");
  await dialog.getByTestId("case-turns").fill("where is my order A1002\nthanks");
  // One route choice per message; the second stays "Any route".
  const routes = dialog.getByTestId("case-route");
  await expect(routes).toHaveCount(2);
  await routes.first().selectOption({ label: "Order status (order_status)" });
  const called = dialog.getByTestId("case-tools-called");
  await expect(called).toContainText("Order lookup");
  await expect(called).toContainText("lookup_order");
  await called.getByRole("checkbox", { name: /Order lookup/ }).check();
  await dialog.getByTestId("case-save").click();
  await expect(dialog).toBeHidden();

  const expectations = page
    .getByTestId("case-row")
    .filter({ hasText: "Order status by pick" })
    .getByRole("list", { name: "Expectations" });
  await expect(expectations).toContainText("Turn 1 → Order status (order_status)");
  await expect(expectations).toContainText("Calls Order lookup (lookup_order)");
});
