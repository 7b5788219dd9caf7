// The triage flow ("greet, classify billing vs technical, the billing agent may call an order lookup, otherwise a
// person") two ways: from its template, and built from scratch with the keyboard alone (the palette, Ctrl+K, the
// inspector's fields and its "Outputs lead to" pickers; no mouse). Each is published and chatted with: a billing
// question reaches the billing agent, a technical one a person.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { BILLING_EXAMPLES, TECHNICAL_EXAMPLES } from "../../lib/model/flow/templates/triage";
import { expect, test } from "./fixtures";

const ASK_ORDER = "Which order is the charge about?";
const PERSON = "passing you to a member of our support team";

/** A new chat with the published flow: one message, and the reply the test expects to it. */
async function chatOnce(browser: Browser, slug: string, message: string, reply: string) {
  const customer = await browser.newPage();
  await customer.goto(`/chat/acme-retail/${slug}`);
  const input = customer.getByTestId("chat-input");
  await input.fill(message);
  await input.press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: reply }),
  ).toBeVisible({ timeout: 30_000 });
  await customer.close();
}

async function publishWithKeyboard(page: Page, note: string) {
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });
  await expect(page.getByTestId("publish-button")).toBeEnabled();
  await page.getByTestId("publish-button").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("publish-note").focus();
  await page.keyboard.type(note);
  await page.getByTestId("publish-confirm").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("published-version")).toContainText("v1", { timeout: 30_000 });
}

test("the triage flow from its template: published, billing reaches the billing agent, technical a person", async ({
  adminPage: page,
  browser,
}) => {
  const slug = `triage-template-${randomBytes(3).toString("hex")}`;
  await page.goto("/flows");
  await page.getByTestId("new-flow").focus();
  await page.keyboard.press("Enter");
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="new-flow-dialog"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
  const triage = page.getByRole("radio", { name: "Triage to a person", exact: true });
  await expect(triage).toHaveAccessibleDescription(/tells billing questions from technical ones/);
  await triage.focus();
  await page.keyboard.press("Space");
  // Choosing the template names the flow after it, until a name of one's own is typed.
  await expect(page.getByTestId("new-flow-name")).toHaveValue("Triage to a person");
  await page.getByTestId("new-flow-slug").fill(slug);
  await page.getByTestId("new-flow-create").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();
  for (const label of ["Billing or technical?", "Billing agent", "Order lookup", "Support team"])
    await expect(page.locator(".react-flow__node").filter({ hasText: label }).first()).toBeVisible();
  await expect(page.locator('[data-testid="flow-issue"][data-severity="error"]')).toHaveCount(0);

  await publishWithKeyboard(page, "Triage from the template");
  await chatOnce(browser, slug, "I was charged twice for my order", ASK_ORDER);
  await chatOnce(browser, slug, "the app crashes when I log in", PERSON);

  // Its test suite came with it.
  await page.goto("/evals");
  await expect(page.getByText("Triage behaviours").first()).toBeVisible();
});

test("the triage flow built from scratch with the keyboard only, published and chatted with", async ({
  adminPage: page,
  browser,
}) => {
  const slug = `triage-keys-${randomBytes(3).toString("hex")}`;
  await page.goto("/flows");
  await page.getByTestId("new-flow").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("new-flow-name").focus();
  await page.keyboard.type("Triage by keyboard");
  await page.getByTestId("new-flow-slug").focus();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(slug);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  const canvas = page.locator('[data-testid="flow-canvas"][data-ready="true"]');
  await expect(canvas).toBeVisible();
  const inspector = page.getByTestId("inspector");
  const field = (suffix: string) => inspector.locator(`[id$="-${suffix}"]`);
  const nodeLabel = inspector.locator("#inspector-label");
  const announcement = page.getByTestId("editor-announcement");
  const nodes = page.locator(".react-flow__node");

  /** Esc leaves the text field (shortcuts wait while one has focus); Ctrl+K, the node's name and Enter select it. */
  async function select(name: string) {
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+k");
    await expect(page.locator("#find-node-input")).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(nodeLabel).toHaveValue(name);
  }
  /** The palette: search, Tab to the kind among the matches, Enter adds it beside the selected node, linked from it. */
  async function add(kind: string) {
    await page.getByTestId("palette-search").focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.type(kind);
    for (let tabs = 0; tabs < 8; tabs++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.getAttribute("data-kind"))) === kind) break;
    }
    await expect(page.locator(":focus")).toHaveAttribute("data-kind", kind);
    await page.keyboard.press("Enter");
  }
  async function type(locator: ReturnType<Page["locator"]>, text: string) {
    await locator.focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(text);
  }

  // The starter's placeholder agent goes; the greeting is the flow's own.
  await select("Assistant");
  await page.keyboard.press("Delete");
  await expect(nodes).toHaveCount(1);
  await select("Start");
  await type(field("greeting"), "Hi! I can help with billing questions, or get you to our technical team.");

  // Start → router, with the two routes and their examples.
  await add("router");
  await expect(announcement).toContainText("linked from “Start”");
  await type(nodeLabel, "Billing or technical?");
  await type(field("routes.0.id"), "billing");
  await type(field("routes.0.label"), "Billing");
  await type(field("routes.0.examples"), BILLING_EXAMPLES.join("\n"));
  await type(field("routes.1.id"), "technical");
  await type(field("routes.1.label"), "Technical");
  await type(field("routes.1.examples"), TECHNICAL_EXAMPLES.join("\n"));

  // Billing → an LLM agent on the offline stand-in model, which asks for the order and may look it up.
  await add("agent");
  await expect(announcement).toContainText("linked from “Billing or technical?” (Billing)");
  await type(nodeLabel, "Billing agent");
  await field("mode").selectOption("llm");
  await type(field("model"), "offline");
  await type(field("systemPrompt"), "You answer billing questions. Ask for the order number and look the order up.");
  await inspector.getByRole("button", { name: "Add slot" }).focus();
  await page.keyboard.press("Enter");
  await type(field("slots.0.name"), "order_number");
  await field("slots.0.kind").selectOption("order_number");
  await type(field("slots.0.prompt"), `${ASK_ORDER} The number looks like A1234.`);
  await type(field("reply"), "Order {{result.number}} came to {{result.total}}, and {{result.statusLine}}");
  await add("tool");
  await expect(announcement).toContainText("may call it");
  await type(nodeLabel, "Order lookup");
  await field("builtin").selectOption("lookup_order");

  // Technical → a person; the router's low-confidence output too, chosen in "Outputs lead to".
  await select("Billing or technical?");
  await add("escalate");
  await expect(announcement).toContainText("(Technical)");
  await type(nodeLabel, "Support team");
  await type(field("reason"), "Technical question or unclear request");
  await type(field("message"), `I'm ${PERSON}; they'll reply here shortly.`);
  await select("Billing or technical?");
  const lowConfidence = inspector.getByTestId("output-target").and(inspector.getByLabel("low confidence"));
  await lowConfidence.selectOption({ label: "Support team (Human escalation)" });
  await expect(page.locator(".react-flow__edge")).toHaveCount(5);

  await expect(page.locator('[data-testid="flow-issue"][data-severity="error"]')).toHaveCount(0);
  await publishWithKeyboard(page, "Triage built with the keyboard");
  await chatOnce(browser, slug, "I was charged twice for my order", ASK_ORDER);
  await chatOnce(browser, slug, "the app crashes when I log in", PERSON);
});
