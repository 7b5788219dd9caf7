// Model provider base URLs go through the SSRF guard, in Settings → Model providers' "Test" and in real calls: the key
// is never sent to loopback, private or metadata addresses (only the allowlisted test server is reachable), and a
// failing server's answer is never shown in the console.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  API_KEY,
  providerInput,
  resetModelServer,
  server,
  signIn,
  startModelServer,
  stopModelServer,
} from "@/tests/integration/features/settings/settings-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { createModelProviderAction, testModelProviderAction } = await import("@/lib/features/settings/models/actions");
const { createOpenAIProvider } = await import("@/lib/runtime/agents/openai-provider");
const { ProviderError } = await import("@/lib/runtime/agents/types");

beforeAll(startModelServer);
afterAll(stopModelServer);
beforeEach(resetModelServer);

async function testProvider(baseUrl: string, name = "p") {
  const created = await createModelProviderAction(providerInput({ name, baseUrl }));
  if (!created.ok) throw new Error(created.message);
  const tested = await testModelProviderAction({ id: created.data.id });
  if (!tested.ok) throw new Error(tested.message);
  return tested.data;
}

describe("model provider base URLs and the SSRF guard", () => {
  it("refuses loopback, private and metadata addresses in the test, sending nothing", async () => {
    await signIn("admin");
    const refused = [
      "http://127.0.0.1:9999/v1",
      `http://localhost:${server.port}/v1`, // the test server itself, but not by its allowlisted host
      "http://169.254.169.254/latest",
      "http://10.0.0.7/v1",
      "http://[::1]:9999/v1",
    ];
    for (const [i, baseUrl] of refused.entries()) {
      const result = await testProvider(baseUrl, `p${i}`);
      expect(result, baseUrl).toMatchObject({ ok: false });
      expect(result.message, baseUrl).toBe(
        "This base URL is not allowed: it points to a private, loopback or metadata address.",
      );
    }
    expect(server.requests).toEqual([]);
    // The allowlisted test server still answers.
    expect(await testProvider(server.baseUrl, "allowed")).toMatchObject({ ok: true, method: "models" });
  });

  it("never echoes the server's error body", async () => {
    await signIn("admin");
    server.setModels({ status: 500, message: `internal page: db password hunter2, key ${API_KEY}` });
    const failed = await testProvider(server.baseUrl);
    expect(failed).toMatchObject({ ok: false, message: "The server answered with an error (HTTP 500)." });
    server.setModels({ status: 401, message: "Incorrect API key provided: hunter2" });
    const refused = await testProvider(server.baseUrl, "q");
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/refused the key/);
    for (const { message } of [failed, refused]) {
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain(API_KEY);
    }
    server.setModels(["gpt-4o-mini"]);
  });

  it("refuses a private base URL in real calls without retrying", async () => {
    const provider = createOpenAIProvider({
      baseUrl: `http://localhost:${server.port}/v1`,
      apiKey: API_KEY,
      maxRetries: 2,
      retryBaseDelayMs: 1,
    });
    const error = await provider
      .chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "connection", retriable: false });
    expect((error as Error).message).toMatch(/not allowed/);
    expect(server.requests).toEqual([]);
  });
});
