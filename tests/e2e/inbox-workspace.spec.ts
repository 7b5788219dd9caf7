import type { Browser, Page } from "@playwright/test";
import { expect, orderEmail, test } from "./fixtures";

// The Inbox as a workspace: queue | ticket | context on a desktop, one pane at a time on a phone; claim, reply and an
// internal note (which the customer never sees) without leaving the page; j/k between tickets; bulk approval.

async function escalate(browser: Browser, label: string) {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("I want to talk to a human");
  await input.press("Enter");
  await expect(customer.getByTestId("chat-escalated")).toBeVisible();
  const marker = `${label} ${Date.now().toString(36)}`;
  await input.fill(marker);
  await input.press("Enter");
  return { customer, marker };
}

async function heldRefund(browser: Browser, order: string) {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  const agent = customer.locator('[data-testid="chat-message"][data-role="agent"]');
  await input.fill(`Please refund order ${order}`);
  await input.press("Enter");
  await expect(agent.filter({ hasText: `What is the e-mail address on order ${order}?` })).toBeVisible();
  await input.fill(orderEmail(order));
  await input.press("Enter");
  await expect(agent.filter({ hasText: `for order ${order} is waiting for that review` })).toBeVisible();
  return { customer, agent };
}

const row = (page: Page, marker: string) => page.getByTestId("escalation-row").filter({ hasText: marker });

test.describe("at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("claim, reply and add an internal note in the three-pane workspace; j/k move between tickets", async ({
    browser,
    adminPage: page,
  }) => {
    const first = await escalate(browser, "Workspace first");
    const second = await escalate(browser, "Workspace second");

    await page.goto("/inbox?status=open");
    await expect(row(page, first.marker)).toBeVisible({ timeout: 15_000 });
    await expect(row(page, second.marker)).toBeVisible();

    // j/k move the selection through the queue; Enter opens the selected ticket in the middle pane.
    const rows = page.getByTestId("escalation-row");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    await expect(rows.nth(0)).toHaveAttribute("data-selected", "true");
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toHaveAttribute("data-selected", "true");
    await page.keyboard.press("k");
    await expect(rows.nth(0)).toHaveAttribute("data-selected", "true");
    const firstId = await rows.nth(0).getAttribute("data-id");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/inbox/${firstId}\\?status=open$`));

    // Open the first customer's ticket: the queue stays on the left, the customer context on the right.
    await row(page, first.marker).getByTestId("escalation-open").click();
    const ticket = page.getByTestId("escalation-page");
    await expect(ticket).toHaveAttribute("data-status", "open");
    await expect(page.getByTestId("escalation-transcript")).toContainText(first.marker);
    await expect(page.locator('[data-pane="queue"]')).toBeVisible();
    await expect(page.locator('[data-pane="context"]')).toBeVisible();
    await expect(row(page, first.marker).getByTestId("escalation-open")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("ticket-stream")).toHaveAttribute("data-state", "live");

    // c claims the ticket that is open (selected in the queue).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("c");
    await expect(page.getByTestId("owner-name")).toHaveText("you");

    // r focuses the reply pinned at the bottom; it shows at once and reaches the customer.
    await page.keyboard.press("r");
    const reply = page.getByTestId("reply-input");
    await expect(reply).toBeFocused();
    await reply.fill("Looking into it right now.");
    await reply.press("Control+Enter");
    await expect(page.getByTestId("escalation-transcript")).toContainText("Looking into it right now.");
    await expect(
      first.customer
        .locator('[data-testid="chat-message"][data-role="operator"]')
        .filter({ hasText: "Looking into it right now." }),
    ).toBeVisible({ timeout: 20_000 });

    // n writes an internal note: in the timeline, marked as such, never in the customer's chat.
    await page.getByTestId("reply-input").press("Escape");
    await page.keyboard.press("n");
    const note = page.getByTestId("note-input");
    await expect(note).toBeFocused();
    await note.fill("Customer is a VIP, offer the express upgrade");
    await note.press("Control+Enter");
    const noteItem = page.getByTestId("timeline-note").filter({ hasText: "offer the express upgrade" });
    await expect(noteItem).toContainText("Internal note — not sent to the customer");
    await expect(noteItem).not.toHaveAttribute("data-pending", "true");
    await page.reload();
    await expect(page.getByTestId("timeline-note").filter({ hasText: "offer the express upgrade" })).toBeVisible();
    await first.customer.reload();
    await expect(first.customer.getByText("Looking into it right now.")).toBeVisible();
    await expect(first.customer.getByText("offer the express upgrade")).toHaveCount(0);

    await first.customer.close();
    await second.customer.close();
  });

  test("approves several held refunds at once with a reason", async ({ browser, adminPage: page }) => {
    const a = await heldRefund(browser, "A1012");
    const b = await heldRefund(browser, "A1014");

    await page.goto("/inbox");
    await expect(page.getByTestId("inbox-tab-approvals")).toContainText(/\d/);
    await page.getByTestId("inbox-tab-approvals").click();
    const rowA = page.getByTestId("approval-row").filter({ hasText: "A1012" });
    const rowB = page.getByTestId("approval-row").filter({ hasText: "A1014" });
    await expect(rowA).toContainText("Refund");
    await expect(rowA).toContainText(/waiting/);
    await rowA.getByTestId("approval-select").check();
    await rowB.getByTestId("approval-select").check();

    // A bulk decision needs a reason.
    await page.getByTestId("bulk-approve").click();
    await expect(page.getByTestId("approval-error")).toContainText("Give a reason");
    await expect(rowA).toBeVisible();

    await page.getByTestId("bulk-reason").fill("Both orders checked against the returns log");
    await page.getByTestId("bulk-approve").click();
    await expect(page.getByTestId("approval-status")).toContainText("Approved 2 requests");
    await expect(rowA).toHaveCount(0);
    await expect(rowB).toHaveCount(0);

    for (const [chat, order] of [
      [a, "A1012"],
      [b, "A1014"],
    ] as const) {
      await expect(chat.agent.filter({ hasText: `for order ${order}` }).filter({ hasText: "refunded" })).toBeVisible({
        timeout: 20_000,
      });
      await chat.agent.page().close();
    }
  });
});

test.describe("at 390×844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("one pane at a time: the queue, then the ticket with a back link", async ({ browser, adminPage: page }) => {
    const { customer, marker } = await escalate(browser, "Phone");
    await page.goto("/inbox?status=open");
    await expect(row(page, marker)).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('[data-pane="ticket"]')).toBeHidden();

    await row(page, marker).getByTestId("escalation-open").click();
    await expect(page.getByTestId("escalation-transcript")).toContainText(marker);
    await expect(page.locator('[data-pane="queue"]')).toBeHidden();
    const workspace = page.getByTestId("inbox-workspace");
    const overflow = await workspace.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    await page.getByTestId("ownership").getByTestId("claim").click();
    await expect(page.getByTestId("owner-name")).toHaveText("you");
    await page.getByTestId("reply-input").fill("Hello from a phone");
    await page.getByTestId("reply-send").click();
    await expect(page.getByTestId("escalation-transcript")).toContainText("Hello from a phone");

    // Back to the queue as it was: its "open" filter no longer lists the ticket this operator now owns; "all" does.
    await page.getByTestId("back-to-queue").click();
    await expect(page).toHaveURL(/\/inbox\?status=open$/);
    await expect(page.locator('[data-pane="queue"]')).toBeVisible();
    await expect(row(page, marker)).toHaveCount(0);
    await page.goto("/inbox");
    await expect(row(page, marker).getByTestId("escalation-owner")).toHaveText("You");
    await customer.close();
  });
});
