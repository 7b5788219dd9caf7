import { E2E_ADMIN } from "../../playwright.config";
import { expect, test } from "./fixtures";

test("an admin invites an operator, who accepts with a password of their own and sees only what operators may open", async ({
  adminPage: page,
  browser,
}) => {
  await page.goto("/settings");
  const form = page.getByTestId("invite-member-form");
  await form.getByLabel("Email").fill("olivia@acme.test");
  await form.getByLabel("Role").selectOption("operator");
  await page.getByTestId("invite-member-submit").click();
  const link = (await page.getByTestId("invitation-link").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  // Nobody is added until they accept: the invitation waits in the list.
  await expect(page.locator('[data-testid="invitation-row"][data-email="olivia@acme.test"]')).toBeVisible();
  await expect(page.locator('[data-testid="member-row"][data-email="olivia@acme.test"]')).toHaveCount(0);

  // Someone who is a member already is refused with a message on the field.
  await form.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByTestId("invite-member-submit").click();
  await expect(page.getByText("Already a member of this workspace.", { exact: true })).toBeVisible();

  const operator = await browser.newPage();
  await operator.goto(link);
  await expect(operator.getByTestId("invite-title")).toHaveText("Join Acme Retail on Switchboard");
  await operator.getByTestId("invite-name").fill("Olivia Operator");
  // A common password is refused, with the reason.
  await operator.getByTestId("invite-password").fill("password1234");
  await operator.getByTestId("invite-confirmPassword").fill("password1234");
  await operator.getByTestId("invite-create-account").click();
  await expect(operator.getByText(/too easy to guess/)).toBeVisible();
  await operator.getByTestId("invite-password").fill("violet-otter-compass-42");
  await operator.getByTestId("invite-confirmPassword").fill("violet-otter-compass-42");
  await operator.getByTestId("invite-create-account").click();
  await expect(operator).toHaveURL(/\/flows/);
  await expect(operator.getByRole("navigation").getByRole("link", { name: "Audit" })).toHaveCount(0);
  await operator.goto("/audit");
  await expect(operator).toHaveURL(/\/forbidden/);
  // The link worked once.
  await operator.goto(link);
  await expect(operator.getByTestId("invite-invalid")).toHaveText(
    "This invitation link is not valid any more; ask your admin for a new one.",
  );
  await operator.close();

  await page.goto("/settings");
  await expect(page.locator('[data-testid="member-row"][data-email="olivia@acme.test"]')).toHaveAttribute(
    "data-role",
    "operator",
  );
  await expect(page.locator('[data-testid="invitation-row"][data-email="olivia@acme.test"]')).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "member.invited" }).first()).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "invitation.accepted" }).first()).toBeVisible();
});

test("a revoked invitation link is not valid any more", async ({ adminPage: page, browser }) => {
  await page.goto("/settings");
  const form = page.getByTestId("invite-member-form");
  await form.getByLabel("Email").fill("revoked@acme.test");
  await page.getByTestId("invite-member-submit").click();
  const link = (await page.getByTestId("invitation-link").textContent()) ?? "";
  const row = page.locator('[data-testid="invitation-row"][data-email="revoked@acme.test"]');
  await row.getByTestId("invitation-revoke").click();
  await row.getByTestId("invitation-revoke-confirm").click();
  await expect(row).toHaveCount(0);

  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByTestId("invite-invalid")).toBeVisible();
  await visitor.close();
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
