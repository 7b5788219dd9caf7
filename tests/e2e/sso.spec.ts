// SSO through a real OpenID Connect provider (tests/support/oidc-test-provider.ts, started by playwright.config.ts):
// the person clicks "Sign in with Acme SSO", logs in at the provider and lands in the console with the role their
// groups map to (SSO_ROLE_MAP in playwright.config.ts).
import { E2E_OIDC_ISSUER, E2E_SSO_NAME } from "../../playwright.config";
import { expect, signIn, test } from "./fixtures";

async function logInAtProvider(page: import("@playwright/test").Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("an operator signs in with SSO and gets an operator's console", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  // The password form stays beside the SSO link.
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.getByRole("link", { name: `Sign in with ${E2E_SSO_NAME}` }).click();

  await logInAtProvider(page, "olivia");

  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // An operator: no audit trail, no member management.
  await expect(page.getByRole("navigation").getByRole("link", { name: "Audit" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.locator('[data-testid="member-row"][data-email="olivia.operator@acme.test"]')).toHaveAttribute(
    "data-role",
    "operator",
  );
  await expect(page.getByTestId("invite-member-form")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/forbidden/);
});

test("someone the groups give no role is refused with a reason, and the admin sees why", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: `Sign in with ${E2E_SSO_NAME}` }).click();
  await logInAtProvider(page, "nora");

  await expect(page).toHaveURL(/\/sign-in\?error=SsoNoRole/);
  await expect(page.getByRole("alert").filter({ hasText: "Your account has no Switchboard role" })).toBeVisible();
  // No session was made, and none is claimed to have expired: the sign-in page forgets the "had a session" mark.
  await expect
    .poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === "sb_had_session"))
    .toBe(false);
  await page.goto("/flows");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page).not.toHaveURL(/reason=expired/);

  const admin = await browser.newPage();
  await signIn(admin);
  await admin.goto("/audit");
  await expect(admin.getByTestId("audit-row").filter({ hasText: "session.sign_in_failed" }).first()).toBeVisible();
  await admin.close();
});
