import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { chatConversationId, expect, signIn, test } from "./fixtures";

// WCAG 2.2 AA over the whole console: axe on every console page at a desktop and a phone size (zero serious or
// critical violations), no page wider than a phone's screen, and the phone's navigation drawer by keyboard.

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test.describe.configure({ mode: "serial" });

/** The console's pages, with the ids of one escalation, conversation, customer, flow, suite and run found live. */
let pages: string[] = [];

/** The first link on `path` whose href matches `pattern`, or null when the page has none. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string | null> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  return hrefs.find((href): href is string => !!href && pattern.test(href)) ?? null;
}

/** A conversation that asked for a person: it gives the Inbox an escalation and Live a conversation. */
async function escalatedConversation(browser: Browser): Promise<string> {
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  const input = customer.getByTestId("chat-input");
  await input.fill("I want to talk to a human");
  await input.press("Enter");
  await expect(customer.getByTestId("chat-escalated")).toBeVisible();
  const id = await chatConversationId(customer);
  await customer.close();
  if (!id) throw new Error("The chat did not start a conversation");
  return id;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const conversationId = await escalatedConversation(browser);
  const page = await browser.newPage();
  await signIn(page);
  const escalation = await firstLink(page, "/inbox?status=open", /^\/inbox\/(?!canned)[^/?#]+$/);
  const customer = await firstLink(page, "/customers", /^\/customers\/[^/?#]+$/);
  const flow = await firstLink(page, "/flows", /^\/flows\/[^/?#]+$/);
  const suite = await firstLink(page, "/evals", /^\/evals\/(?!runs)[^/?#]+$/);
  const run = suite ? await firstLink(page, suite, /^\/evals\/runs\/[^/?#]+$/) : null;
  const endpoint = await firstLink(page, "/settings/webhooks", /^\/settings\/webhooks\/[^/?#]+$/);
  await page.close();
  pages = [
    "/dashboard",
    "/dashboard/conversations",
    "/inbox",
    "/inbox/canned",
    escalation,
    "/live",
    `/conversations/${conversationId}`,
    "/customers",
    customer,
    "/flows",
    flow,
    flow ? `${flow}/edit` : null,
    flow ? `${flow}/history` : null,
    "/evals",
    suite,
    run,
    "/reviews",
    "/audit",
    "/settings",
    "/settings/integrations",
    "/settings/webhooks",
    endpoint,
    "/settings/mailbox",
  ].filter((path): path is string => !!path);
  expect(pages).toContain(escalation);
  expect(pages).toContain(flow);
});

/** Opens a console page and waits for its content (the designer: its measured canvas). */
async function open(page: Page, path: string) {
  await page.goto(path);
  if (/^\/flows\/[^/]+\/edit$/.test(path)) {
    await expect(page.getByTestId("flow-canvas")).toHaveAttribute("data-ready", "true");
  } else {
    await expect(page.locator("h1").first()).toBeVisible();
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const [name, viewport] of [
  ["desktop 1440×900", DESKTOP],
  ["phone 390×844", PHONE],
] as const) {
  test(`every console page passes axe (serious and critical) at ${name}`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    await signIn(page);
    const failures: string[] = [];
    for (const path of pages) {
      await open(page, path);
      for (const violation of await seriousViolations(page)) failures.push(`${path}: ${violation}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
}

test("no console page scrolls sideways at 390 px", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(PHONE);
  await signIn(page);
  const overflowing: string[] = [];
  for (const path of pages) {
    await open(page, path);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) overflowing.push(`${path}: ${scrollWidth}px wide`);
  }
  expect(overflowing, overflowing.join("\n")).toEqual([]);
});

test("on a phone the navigation is a drawer that keeps focus and closes with Escape", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  const menu = page.getByTestId("nav-menu-button");
  const drawer = page.getByTestId("nav-drawer");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Console" })).toBeHidden();

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(drawer.getByRole("navigation", { name: "Console" })).toBeVisible();
  // More presses than the drawer has controls, both ways round: focus never leaves it.
  for (const key of [...Array<string>(25).fill("Tab"), ...Array<string>(25).fill("Shift+Tab")]) {
    await page.keyboard.press(key);
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // The backdrop closes it; so does following a link, which also navigates.
  await menu.click();
  await page.getByTestId("nav-backdrop").click({ position: { x: 40, y: 400 } });
  await expect(drawer).toBeHidden();
  await menu.click();
  await drawer.getByRole("link", { name: "Live" }).click();
  await expect(page).toHaveURL(/\/live$/);
  await expect(drawer).toBeHidden();
});

test("on a desktop the sidebar stays and there is no menu button", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  await expect(page.getByTestId("nav-menu-button")).toBeHidden();
});

test("the designer is read-only on a phone and says so", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  const flow = pages.find((path) => /^\/flows\/[^/]+\/edit$/.test(path));
  expect(flow).toBeTruthy();
  await open(page, flow!);
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(page.getByTestId("palette-item")).toHaveCount(0);
  await expect(page.getByTestId("inspector")).toHaveCount(0);
  await expect(page.getByTestId("publish-button")).toBeDisabled();
});
