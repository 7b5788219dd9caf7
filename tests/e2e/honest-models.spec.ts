// Honest models in the designer of a workspace with no model provider (the e2e server sets no OPENAI_*): an LLM agent
// on gpt-4o-mini is an error naming the model, with a working link to Settings → Model providers, and publishing is
// refused; its test replies are labelled as the offline stand-in's; "offline" chosen on purpose is a warning and
// publishes.
import { createFlow, expect, test } from "./fixtures";

test("an LLM agent no provider can serve is an error linking to Settings → Model providers", async ({
  adminPage: page,
}) => {
  const flowId = await createFlow(page, "E2E honest models", "e2e-honest-models");
  await page.locator('.react-flow__node[data-id="agent"]').click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByLabel("Mode", { exact: true }).selectOption("llm");
  await inspector.getByLabel("Model", { exact: true }).fill("gpt-4o-mini");

  const issue = page.locator('[data-testid="flow-issue"][data-code="model_unavailable"][data-node-id="agent"]');
  await expect(issue).toContainText(
    "uses the model “gpt-4o-mini”, but no model provider in this workspace can serve it",
  );
  await expect(issue).toHaveAttribute("data-severity", "error");
  await expect(page.getByTestId("publish-button")).toBeDisabled();
  await expect(page.locator("#publish-blocked")).toContainText(/Fix \d+ errors? before publishing/);
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });

  // A test of the draft still runs, and says on its reply that the offline stand-in wrote it.
  await page.getByTestId("test-button").click();
  await page.getByTestId("test-input").fill("Where is my order?");
  await page.getByTestId("test-input").press("Enter");
  const reply = page.locator('[data-testid="test-message"][data-role="agent"]').last();
  await expect(reply).toContainText("This flow is still being designed");
  await expect(reply.getByTestId("offline-reply-label")).toBeVisible();
  await page.getByTestId("test-button").click();

  // The issue's link opens Settings at the Model providers card.
  const link = page.getByTestId("issues-panel").getByTestId("issue-help-link").first();
  await expect(link).toHaveText("Settings → Model providers");
  await link.click();
  await expect(page).toHaveURL(/\/settings#model-providers$/);
  await expect(page.getByRole("heading", { name: /^Model providers · 0$/ })).toBeInViewport();

  // "offline" chosen on purpose: a warning, and the draft publishes.
  await page.goto(`/flows/${flowId}/edit`);
  await page.locator('.react-flow__node[data-id="agent"]').click();
  await page.getByTestId("inspector").getByLabel("Model", { exact: true }).fill("offline");
  await expect(page.locator('[data-testid="flow-issue"][data-severity="error"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="flow-issue"][data-code="model_offline"]')).toContainText(
    "replies are canned stand-ins",
  );
  await expect(page.getByTestId("save-status")).toContainText(/saved/i, { timeout: 15_000 });
  await page.getByTestId("publish-button").click();
  await expect(page.getByTestId("publish-model-notice")).toContainText("offline stand-in");
  await expect(page.getByTestId("publish-model-notice").getByTestId("issue-help-link")).toHaveAttribute(
    "href",
    "/settings#model-providers",
  );
  await page.getByTestId("publish-note").fill("Offline on purpose until a provider is connected");
  await page.getByTestId("publish-confirm").click();
  await expect(page.getByTestId("published-version")).toContainText("v1");
});
