import { E2E_ORIGIN } from "../../playwright.config";
import { expect, test } from "./fixtures";

test("Settings → Integrations lists each published flow's addresses and the MCP endpoint, all copyable by keyboard", async ({
  adminPage: page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_ORIGIN });
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "More settings" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();

  const retail = page.getByTestId("integration-flow-retail-support");
  await expect(retail.getByTestId("a2a-card-url")).toHaveText(
    new RegExp(`^${E2E_ORIGIN}/api/a2a/[a-z0-9-]+/retail-support/\\.well-known/agent-card\\.json$`),
  );
  await expect(retail.getByTestId("a2a-endpoint-url")).toHaveText(
    new RegExp(`^${E2E_ORIGIN}/api/a2a/[a-z0-9-]+/retail-support$`),
  );
  await expect(retail.getByText("retail_support", { exact: true })).toBeVisible();
  await expect(page.getByTestId("integration-flow-banking-support")).toBeVisible();
  await expect(page.getByTestId("a2a-directory-url")).toHaveText(new RegExp(`^${E2E_ORIGIN}/api/a2a/[a-z0-9-]+$`));

  // The endpoint's copy button works from the keyboard.
  await expect(page.getByTestId("mcp-endpoint")).toHaveText(`${E2E_ORIGIN}/api/mcp`);
  await page.getByRole("button", { name: "Copy MCP endpoint URL" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Copy MCP endpoint URL" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${E2E_ORIGIN}/api/mcp`);

  // Client snippets are tabs: arrows move between clients; no snippet holds a real key.
  const tabs = page.getByRole("tablist", { name: "MCP client" });
  await tabs.getByRole("tab", { name: "Claude Desktop" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Cursor" })).toHaveAttribute("aria-selected", "true");
  await expect(tabs.getByRole("tab", { name: "Cursor" })).toBeFocused();
  const cursor = page.getByTestId("mcp-snippet-cursor");
  await expect(cursor).toContainText(`"url": "${E2E_ORIGIN}/api/mcp"`);
  await expect(cursor).toContainText("Bearer <YOUR_SWITCHBOARD_API_KEY>");
  await page.keyboard.press("End");
  await expect(page.getByTestId("mcp-snippet-claude-code")).toContainText(
    "claude mcp add --transport http switchboard",
  );

  await expect(page.getByTestId("integration-otel")).toBeVisible();
  await expect(page.getByTestId("integration-sso")).toBeVisible();
  // Status only: the e2e server runs with SSO configured, and its client secret must never reach the page.
  expect(await page.content()).not.toContain("switchboard-oidc-test-secret");
  await expect(page.getByTestId("integration-webhooks").getByRole("link", { name: /Webhooks/ })).toHaveAttribute(
    "href",
    "/settings/webhooks",
  );
});
