// Live at phone width (390×844): search transcripts, page through the matches by keyset pages, and take one over in
// the in-app dialog, landing in the ticket where the operator replies.
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const CHATS = 11;

/** One customer chat per browser context (the resume cookie would otherwise continue the same conversation). */
async function chat(browser: Browser, text: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/chat/acme-retail/retail-support");
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-input").press("Enter");
  await expect(
    page.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1002" }),
  ).toBeVisible({ timeout: 30_000 });
  await context.close();
}

test("search, page through the matches and take one over from the dialog", async ({ adminPage: page, browser }) => {
  test.setTimeout(180_000);
  const token = `zq${randomBytes(3).toString("hex")}`;
  for (let i = 0; i < CHATS; i += 4)
    await Promise.all(
      Array.from({ length: Math.min(4, CHATS - i) }, (_, j) =>
        chat(browser, `Where is my order A1002? ${token} ${i + j}`),
      ),
    );

  // Too short a search is refused with the reason, and the list is not searched.
  await page.goto("/live?q=a");
  await expect(page.getByTestId("live-search-error")).toContainText("at least 2 characters");

  await page.goto("/live");
  await page.getByLabel("Search").fill(token);
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${token}`));
  await page.getByLabel("Per page").selectOption("10");
  await expect(page).toHaveURL(/per=10/);
  const rows = page.getByTestId("conversation-row");
  await expect(rows).toHaveCount(10);
  await expect(page.getByTestId("live-summary")).toHaveText(`The 10 most recently active of ${CHATS} conversations.`);
  const firstPage = await rows.evaluateAll((list) => list.map((r) => r.getAttribute("data-id")));

  // The next page: the one older match, in a URL that can be shared.
  await page.getByRole("button", { name: "Older conversations" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows).toHaveCount(1);
  const older = await rows.first().getAttribute("data-id");
  expect(firstPage).not.toContain(older);
  const shared = page.url();
  await page.goto(shared);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-id", older!);
  await page.getByRole("button", { name: "Newest" }).click();
  await expect(rows).toHaveCount(10);

  // Take over the newest: an in-app dialog (no browser confirm), then the ticket with its transcript.
  const target = rows.first();
  const text = await target.innerText();
  await target.getByRole("button", { name: "Take over" }).click();
  const dialog = page.getByRole("dialog", { name: "Take over this conversation?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await target.getByRole("button", { name: "Take over" }).click();
  await dialog.getByRole("button", { name: "Take over and open" }).click();
  await expect(page).toHaveURL(/\/inbox\/[a-z0-9]+$/, { timeout: 15_000 });
  const number = /A1002\? (zq[0-9a-f]+ \d+)/.exec(text)?.[1];
  expect(number).toBeTruthy();
  await expect(page.getByText(new RegExp(`${number}$`)).first()).toBeVisible();
});
