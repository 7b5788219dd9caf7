import { expect, signIn, test } from "./fixtures";

test("an admin adds an operator, who then sees only what operators may open", async ({ adminPage: page, browser }) => {
  await page.goto("/settings");
  const form = page.getByTestId("add-member-form");
  await form.getByLabel("Name").fill("Olivia Operator");
  await form.getByLabel("Email").fill("olivia@acme.test");
  await form.getByLabel("Role").selectOption("operator");
  await form.getByLabel(/password/i).fill("operator-password-1");
  await page.getByTestId("add-member-submit").click();
  await expect(page.locator('[data-testid="member-row"][data-email="olivia@acme.test"]')).toBeVisible();

  // The same email again is refused with a message on the field, and nothing is added.
  await form.getByLabel("Name").fill("Olivia Again");
  await form.getByLabel("Email").fill("olivia@acme.test");
  await form.getByLabel(/password/i).fill("operator-password-1");
  await page.getByTestId("add-member-submit").click();
  await expect(page.getByText("Already a member of this workspace.", { exact: true })).toBeVisible();
  await expect(page.locator('[data-testid="member-row"][data-email="olivia@acme.test"]')).toHaveCount(1);

  const operator = await browser.newPage();
  await signIn(operator, "olivia@acme.test", "operator-password-1");
  await expect(operator.getByRole("navigation").getByRole("link", { name: "Audit" })).toHaveCount(0);
  await operator.goto("/audit");
  await expect(operator).toHaveURL(/\/forbidden/);
  await operator.close();

  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "member.added" }).first()).toBeVisible();
});

test("an expired session sends the person to sign in with a note", async ({ adminPage: page, context }) => {
  const cookies = await context.cookies();
  await context.clearCookies();
  // Keep only the harmless marker; the session cookie is gone, as it is once it expires.
  await context.addCookies(cookies.filter((cookie) => cookie.name === "sb_had_session"));
  await page.goto("/live");
  await expect(page).toHaveURL(/reason=expired/);
  await expect(page.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();
});
