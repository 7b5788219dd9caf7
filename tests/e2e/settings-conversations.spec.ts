import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";

const SEEDED = "Acme Assistant";

async function saveAssistantName(page: Page, name: string) {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Assistant name" });
  await form.getByLabel("Assistant name").fill(name);
  await form.getByLabel("Assistant name").press("Enter");
  await expect(form.getByTestId("assistant-saved")).toBeVisible();
}

test("Settings → Conversations: an admin renames the assistant and customers see the new name on the next reply", async ({
  adminPage: page,
  browser,
}) => {
  await page.goto("/settings");
  const card = page.getByRole("region", { name: "Conversations" });
  const form = card.getByRole("form", { name: "Assistant name" });
  const field = form.getByLabel("Assistant name");
  await expect(field).toHaveValue(SEEDED);
  await expect(card.getByRole("form", { name: "Reopen window" })).toBeVisible();

  try {
    // An empty name is refused with a message tied to the field, which gets the focus back; nothing is saved.
    await field.fill("   ");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toHaveText("Enter a name.");
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(field).toHaveValue(SEEDED);

    // From the keyboard: type and press Enter.
    await field.fill("  Acme Helper ");
    await field.press("Enter");
    await expect(form.getByTestId("assistant-saved")).toHaveText("Saved: customers now see “Acme Helper”.");
    await expect(field).toHaveValue("Acme Helper");
    await expect(field).not.toHaveAttribute("aria-invalid", "true");

    const customer = await browser.newPage();
    await customer.goto("/chat/acme-retail/retail-support");
    const agent = customer.locator('[data-testid="chat-message"][data-role="agent"]');
    await expect(agent.first()).toContainText("Acme Helper");
    const input = customer.getByTestId("chat-input");
    await input.fill("Where is my order A1001?");
    await input.press("Enter");
    const reply = agent.filter({ hasText: "A1001" });
    await expect(reply).toContainText("Acme Helper");
    await expect(reply).not.toContainText(SEEDED);
    await customer.close();
  } finally {
    // The other specs share this server's workspace.
    await saveAssistantName(page, SEEDED);
  }
});

test("the reopen window and memory retention share the form: a bad value is refused in place and nothing is saved", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  const reopen = page.getByRole("form", { name: "Reopen window" });
  const days = reopen.getByLabel("Reopen ended conversations for (days)");
  const current = await days.inputValue();
  await days.fill("91");
  await days.press("Enter");
  await expect(reopen.getByRole("alert")).toHaveText("Use 0 to 90 days.");
  await expect(days).toBeFocused();
  await page.reload();
  await expect(days).toHaveValue(current);

  await page.goto("/customers");
  const retention = page.getByRole("form", { name: "Memory retention" });
  const keep = retention.getByLabel("Keep customer memory for (days)");
  const before = await keep.inputValue();
  await keep.fill("0");
  await retention.getByRole("button", { name: "Save" }).click();
  await expect(retention.getByRole("alert")).toHaveText("At least 1 day.");
  await expect(keep).toBeFocused();
  await page.reload();
  await expect(keep).toHaveValue(before);
});
