import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_ORIGIN } from "../../playwright.config";
import { retailDemoData } from "../../prisma/demo/retail-data";

export async function signIn(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/flows/);
}

/**
 * The conversation a chat page's browser has on the flow: the one its resume cookie (`<id>.<token>`, HttpOnly, so
 * read here through the browser context rather than by the page) opens.
 */
export async function chatConversationId(page: Page, workspaceSlug = "acme-retail", flowSlug = "retail-support") {
  const cookies = await page.context().cookies();
  const cookie = cookies.find((c) => c.name === `sb_chat_${workspaceSlug}_${flowSlug}`);
  return cookie ? cookie.value.split(".")[0] : null;
}

/** A page already signed in as the seeded admin. */
/** Creates a flow from Flows → New flow and waits for its editor; returns the flow's id. */
export async function createFlow(page: Page, name: string, slug: string): Promise<string> {
  await page.goto("/flows");
  await page.getByTestId("new-flow").click();
  await page.getByTestId("new-flow-name").fill(name);
  await page.getByTestId("new-flow-slug").fill(slug);
  await page.getByTestId("new-flow-create").click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();
  return page.url().split("/flows/")[1].split("/")[0];
}

export const test = base.extend<{ adminPage: Page; closeStrayContexts: void }>({
  adminPage: async ({ page }, use) => {
    await signIn(page);
    await use(page);
  },
  // A customer page a test opens with `browser.newPage()` lives in the worker's browser, not the test's context, so
  // Playwright leaves it open: a late test's failure screenshots counted 51 pages, each chat holding its reply stream
  // on the server. Whatever a test opens closes when it ends (after any failure screenshot).
  closeStrayContexts: [
    // `context` first, so the test's own context is in `before` and Playwright closes it (and saves its trace) itself.
    async ({ browser, context }, use) => {
      const before = new Set([...browser.contexts(), context]);
      await use();
      await Promise.all(
        browser
          .contexts()
          .filter((c) => !before.has(c))
          .map((c) => c.close()),
      );
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The e-mail on a demo order (the seeded data is the same on every machine): what a chat visitor types when the flow
 * asks them to prove the order is theirs.
 */
export function orderEmail(orderNumber: string): string {
  const data = retailDemoData();
  const order = data.orders.find((o) => o.number === orderNumber);
  const customer = data.customers.find((c) => c.ref === order?.customerRef);
  if (!customer) throw new Error(`No demo order ${orderNumber}`);
  return customer.email;
}

/** The e2e server's embedded Postgres, as its superuser (playwright.config.ts: the data dir; the lock has the port). */
export function e2eSuperuserUrl(): string {
  const dataDir = path.join(os.tmpdir(), `switchboard-e2e-${new URL(E2E_ORIGIN).port}`);
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres-credentials.json"), "utf8")) as {
    user: string;
    password: string;
  };
  const { databaseUrl } = JSON.parse(readFileSync(path.join(dataDir, "switchboard.lock"), "utf8")) as {
    databaseUrl: string;
  };
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}
