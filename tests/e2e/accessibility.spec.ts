import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { WEBHOOK_RECEIVER_PORT } from "../../playwright.config";
import { chatConversationId, expect, signIn, test } from "./fixtures";

// WCAG 2.2 AA over the whole console: axe on every console page at a desktop and a phone size (zero serious or
// critical violations), no page wider than a phone's screen, and the phone's navigation drawer by keyboard.

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Every console page by name; the ones with an id in their path are found while the suite starts. */
const STATIC_PAGES: Record<string, string> = {
  dashboard: "/dashboard",
  "dashboard conversations": "/dashboard/conversations",
  inbox: "/inbox",
  "canned replies": "/inbox/canned",
  live: "/live",
  customers: "/customers",
  flows: "/flows",
  evals: "/evals",
  reviews: "/reviews",
  audit: "/audit",
  settings: "/settings",
  "settings integrations": "/settings/integrations",
  "settings webhooks": "/settings/webhooks",
  "settings mailbox": "/settings/mailbox",
};
const FOUND_PAGES = [
  "escalation",
  "conversation",
  "customer",
  "flow",
  "designer",
  "flow history",
  "eval suite",
  "eval run",
  "webhook endpoint",
] as const;
const PAGE_NAMES = [...Object.keys(STATIC_PAGES), ...FOUND_PAGES];

let state = "";
let paths: Record<string, string | null> = {};

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

/** The suite's latest eval run, started here (and awaited) when nobody has run it yet. */
async function evalRun(page: Page, suite: string): Promise<string> {
  const existing = await firstLink(page, suite, /^\/evals\/runs\/[^/?#]+$/);
  if (existing) return existing;
  await page.getByTestId("run-suite").click();
  await expect(page).toHaveURL(/\/evals\/runs\//);
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  return new URL(page.url()).pathname;
}

/** A webhook endpoint's page, adding a disabled one (allowed by playwright.config.ts's allowlist) when there is none. */
async function webhookEndpoint(page: Page): Promise<string> {
  const existing = await firstLink(page, "/settings/webhooks", /^\/settings\/webhooks\/[^/?#]+$/);
  if (existing) return existing;
  await page.getByTestId("webhook-name").fill("Accessibility check");
  await page.getByTestId("webhook-url").fill(`http://127.0.0.1:${WEBHOOK_RECEIVER_PORT}/a11y`);
  await page.getByTestId("webhook-event-flow.published").check();
  await page.getByTestId("webhook-save").click();
  await page.getByTestId("webhook-created-link").click();
  // Disabled at once: nothing listens there, and other specs' receivers on that port must not get its deliveries.
  const toggle = page.getByTestId("webhook-toggle-active");
  await toggle.click();
  await expect(toggle).toHaveText(/Enable/);
  return new URL(page.url()).pathname;
}

// One sign-in and one look for the pages with ids, shared by every test. Playwright starts a new worker after a
// failed test, which runs this again: the first worker's findings are kept in this run's output folder (emptied at
// the start of every run) so a failure costs no new chat and sign-in.
test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  state = path.join(testInfo.project.outputDir, "a11y-session.json");
  const found = path.join(testInfo.project.outputDir, "a11y-pages.json");
  if (existsSync(found) && existsSync(state)) {
    paths = JSON.parse(readFileSync(found, "utf8")) as typeof paths;
    return;
  }
  const conversationId = await escalatedConversation(browser);
  const page = await browser.newPage();
  await signIn(page);
  await page.context().storageState({ path: state });
  const flow = await firstLink(page, "/flows", /^\/flows\/[^/?#]+$/);
  const suite = await firstLink(page, "/evals", /^\/evals\/(?!runs)[^/?#]+$/);
  paths = {
    ...STATIC_PAGES,
    // Queue links keep the queue's filters in their query string.
    escalation: await firstLink(page, "/inbox?status=open", /^\/inbox\/(?!canned)[^/?#]+(\?[^#]*)?$/),
    conversation: `/conversations/${conversationId}`,
    customer: await firstLink(page, "/customers", /^\/customers\/[^/?#]+$/),
    flow,
    designer: flow ? `${flow}/edit` : null,
    "flow history": flow ? `${flow}/history` : null,
    "eval suite": suite,
    "eval run": suite ? await evalRun(page, suite) : null,
    "webhook endpoint": await webhookEndpoint(page),
  };
  await page.close();
  writeFileSync(found, JSON.stringify(paths));
});

/** A signed-in page at `viewport` (the session saved by beforeAll). */
async function consolePage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ storageState: state, viewport });
  return context.newPage();
}

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

for (const name of PAGE_NAMES) {
  test(`${name}: axe at 1440×900`, async ({ browser }) => {
    const pagePath = paths[name];
    expect(pagePath, `no ${name} page found`).toBeTruthy();
    // axe over a conversation's full trace takes a while on a busy two-core machine.
    test.setTimeout(120_000);
    const page = await consolePage(browser, DESKTOP);
    await open(page, pagePath!);
    const violations = await seriousViolations(page);
    expect(violations, `${pagePath}:\n${violations.join("\n")}`).toEqual([]);
  });

  test(`${name}: axe and no sideways scroll at 390×844`, async ({ browser }) => {
    const pagePath = paths[name];
    expect(pagePath, `no ${name} page found`).toBeTruthy();
    test.setTimeout(120_000);
    const page = await consolePage(browser, PHONE);
    await open(page, pagePath!);
    const violations = await seriousViolations(page);
    expect.soft(violations, `${pagePath}:\n${violations.join("\n")}`).toEqual([]);
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(width.scroll, `${pagePath} is ${width.scroll}px wide`).toBeLessThanOrEqual(width.inner);
  });
}

test("every console page was found or made, so none is skipped", () => {
  for (const name of FOUND_PAGES) expect(paths[name], name).toBeTruthy();
});

test("on a phone the navigation is a drawer that keeps focus and closes with Escape", async ({ browser }) => {
  const page = await consolePage(browser, PHONE);
  await page.goto("/flows");
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

test("on a desktop the sidebar stays and there is no menu button", async ({ browser }) => {
  const page = await consolePage(browser, DESKTOP);
  await page.goto("/flows");
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  await expect(page.getByTestId("nav-menu-button")).toBeHidden();
});

test("the designer is read-only on a phone and says so", async ({ browser }) => {
  const page = await consolePage(browser, PHONE);
  expect(paths.designer).toBeTruthy();
  await open(page, paths.designer!);
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(page.getByTestId("palette-item")).toHaveCount(0);
  await expect(page.getByTestId("inspector")).toHaveCount(0);
  await expect(page.getByTestId("publish-button")).toBeDisabled();
});
