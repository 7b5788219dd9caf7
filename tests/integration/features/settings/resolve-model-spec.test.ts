// Resolving an agent's model spec: offline by default, the environment, the workspace's providers (cached per row
// version), and a key that no longer decrypts; the providers are created through the server actions (session mocked).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  providerInput,
  resetModelServer,
  server,
  signIn,
  startModelServer,
  stopModelServer,
} from "@/tests/integration/features/settings/settings-helpers";

process.env.NEXTAUTH_SECRET ??= "integration-test-nextauth-secret";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { createModelProviderAction, updateModelProviderAction } = await import("@/lib/features/settings/models/actions");
const { db } = await import("@/lib/platform/db/client");
const { resolveProvider } = await import("@/lib/runtime/agents/resolve-provider");
const { offlineProvider } = await import("@/lib/runtime/agents/offline-provider");
const { seedWorkspace } = await import("@/tests/support/factories");

beforeAll(startModelServer);
afterAll(stopModelServer);
beforeEach(resetModelServer);

describe("resolving an agent's model spec", () => {
  it("serves the demo offline with no provider and no environment", async () => {
    const { workspace } = await seedWorkspace();
    const resolve = (spec: string, env: Record<string, string | undefined> = {}) =>
      db().$transaction((tx) => resolveProvider(tx, workspace.id, spec, env));
    expect(await resolve("")).toMatchObject({ provider: offlineProvider, model: "offline", providerName: "offline" });
    expect(await resolve("offline")).toMatchObject({ provider: offlineProvider, providerName: "offline" });
    expect(await resolve("offline/scripted")).toMatchObject({ provider: offlineProvider, model: "scripted" });
    expect(await resolve("gpt-4o-mini")).toMatchObject({
      provider: offlineProvider,
      model: "gpt-4o-mini",
      providerName: "offline",
    });

    // With OPENAI_BASE_URL / OPENAI_API_KEY set, bare model names go there.
    const env = { OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: "sk-env-key-0000000000" };
    const fromEnv = await resolve("gpt-4o-mini", env);
    expect(fromEnv).toMatchObject({ model: "gpt-4o-mini", providerName: "env" });
    server.enqueue({ type: "text", text: "from env" });
    expect(
      (await fromEnv.provider.chat({ model: fromEnv.model, messages: [{ role: "user", content: "hi" }] })).text,
    ).toBe("from env");
    expect(server.chatRequests()[0].headers.authorization).toBe("Bearer sk-env-key-0000000000");
    expect((await resolve("gpt-4o-mini", env)).provider).toBe(fromEnv.provider);
  });

  it("prefers the workspace's 'default' provider for bare names and caches clients per row version", async () => {
    const { workspace } = await signIn("admin");
    const created = await createModelProviderAction(providerInput({ name: "default", apiKey: "" }));
    if (!created.ok) throw new Error(created.message);
    const resolve = (spec: string) =>
      db().$transaction((tx) => resolveProvider(tx, workspace.id, spec, { OPENAI_API_KEY: "sk-env-not-used-000000" }));

    const first = await resolve("llama3.2");
    expect(first).toMatchObject({ model: "llama3.2", providerName: "default" });
    // A prefix that names no provider is part of the model name (gateways use "vendor/model").
    expect(await resolve("meta-llama/Llama-3-8B")).toMatchObject({
      model: "meta-llama/Llama-3-8B",
      providerName: "default",
    });
    expect((await resolve("llama3.2")).provider).toBe(first.provider);

    server.enqueue({ type: "text", text: "local" });
    await first.provider.chat({ model: first.model, messages: [{ role: "user", content: "hi" }] });
    expect(server.chatRequests()[0].headers.authorization).toBeUndefined();

    await updateModelProviderAction({
      ...providerInput({ name: "default", apiKey: "", timeoutMs: 6000 }),
      id: created.data.id,
    });
    expect((await resolve("llama3.2")).provider).not.toBe(first.provider);
  });

  it("explains a key that no longer decrypts", async () => {
    const { workspace } = await seedWorkspace();
    await db().modelProvider.create({
      data: {
        workspaceId: workspace.id,
        name: "broken",
        baseUrl: server.baseUrl,
        defaultModel: "m",
        apiKeyCipher: "v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
      },
    });
    await expect(db().$transaction((tx) => resolveProvider(tx, workspace.id, "broken/m"))).rejects.toMatchObject({
      name: "ProviderError",
      code: "configuration",
      retriable: false,
    });
  });
});
