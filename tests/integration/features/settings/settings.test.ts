// Model providers and workspace secrets, end to end through the server actions (session mocked; the rest is real:
// defineAction, zod, the domain functions, Postgres, the audit log) and the real `openai` client against a local
// OpenAI-compatible server.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { signedInMember, signInAs } from "@/tests/support/session-mock";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";

process.env.NEXTAUTH_SECRET ??= "integration-test-nextauth-secret";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const {
  createModelProviderAction,
  updateModelProviderAction,
  deleteModelProviderAction,
  testModelProviderAction,
  createSecretAction,
  updateSecretAction,
  deleteSecretAction,
} = await import("@/lib/features/settings/models/actions");
const { db } = await import("@/lib/platform/db/client");
const { decryptSecret } = await import("@/lib/platform/crypto/secret-box");
const { listModelProviders } = await import("@/lib/features/settings/models/list-model-providers");
const { listSecrets } = await import("@/lib/features/settings/secrets/list-secrets");
const { readSecret } = await import("@/lib/runtime/tools/read-secret");
const { resolveProvider, clearProviderCache } = await import("@/lib/runtime/agents/resolve-provider");
const { offlineProvider } = await import("@/lib/runtime/agents/offline-provider");
const { seedUser, seedWorkspace } = await import("@/tests/support/factories");

const API_KEY = "sk-proj-INTEGRATION-abcdefghijklmnop-9876";
let server: OpenAITestServer;

beforeAll(async () => {
  server = await startOpenAITestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  clearProviderCache();
});

async function signIn(role: Role, workspace?: { id: string; slug: string; name: string }) {
  const ws = workspace ?? (await seedWorkspace({ role })).workspace;
  const user = workspace
    ? await seedUser({ workspaceId: ws.id, role })
    : (await db().membership.findFirstOrThrow({ where: { workspaceId: ws.id }, include: { user: true } })).user;
  signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  });
  return { workspace: ws, user };
}

async function auditRows(workspaceId: string) {
  return db().auditLog.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });
}

/** Every column of the audit rows as text (ids are BigInt). */
const auditText = (rows: unknown) =>
  JSON.stringify(rows, (_, value) => (typeof value === "bigint" ? value.toString() : value));

function providerInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "acme",
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    defaultModel: "gpt-4o-mini",
    fallbackModel: "",
    timeoutMs: 5000,
    maxRetries: 1,
    ...overrides,
  };
}

describe("model providers", () => {
  it("stores the key encrypted, never lists or audits it, and resolves agents to it", async () => {
    const { workspace } = await signIn("admin");
    const created = await createModelProviderAction(providerInput());
    if (!created.ok) throw new Error(created.message);
    expect(created.data).toMatchObject({ name: "acme", hasKey: true, apiKeyHint: "9876", defaultModel: "gpt-4o-mini" });
    expect(JSON.stringify(created.data)).not.toContain(API_KEY);

    const row = await db().modelProvider.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(JSON.stringify(row)).not.toContain(API_KEY);
    expect(row.apiKeyCipher).toMatch(/^v1:/);
    expect(decryptSecret(row.apiKeyCipher!)).toBe(API_KEY);

    const listed = await listModelProviders(workspace.id);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(API_KEY);
    expect(JSON.stringify(listed)).not.toContain(row.apiKeyCipher!);
    expect(listed[0]).not.toHaveProperty("apiKey");
    expect(listed[0]).not.toHaveProperty("apiKeyCipher");

    const audit = await auditRows(workspace.id);
    expect(audit.map((a) => a.action)).toEqual(["model_provider.created"]);
    expect(audit[0]).toMatchObject({
      resourceType: "model_provider",
      resourceId: row.id,
      actorId: signedInMember()!.userId,
    });
    expect(audit[0].after).toMatchObject({
      name: "acme",
      baseUrl: server.baseUrl,
      defaultModel: "gpt-4o-mini",
      apiKeyHint: "9876",
      hasKey: true,
    });
    expect(auditText(audit)).not.toContain(API_KEY);
    expect(auditText(audit)).not.toContain(row.apiKeyCipher!);

    // An agent naming "acme/<model>" talks to it with the decrypted key.
    const resolved = await db().$transaction((tx) => resolveProvider(tx, workspace.id, "acme/gpt-4o"));
    expect(resolved).toMatchObject({ model: "gpt-4o", providerName: "acme" });
    server.enqueue({ type: "text", text: "hi from acme" });
    const reply = await resolved.provider.chat({ model: resolved.model, messages: [{ role: "user", content: "hi" }] });
    expect(reply.text).toBe("hi from acme");
    expect(server.chatRequests()[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.chatRequests()[0].body.model).toBe("gpt-4o");
    // Its name alone means its default model.
    expect(await db().$transaction((tx) => resolveProvider(tx, workspace.id, "acme"))).toMatchObject({
      model: "gpt-4o-mini",
      providerName: "acme",
    });
  });

  it("validates input with field errors and writes nothing", async () => {
    const { workspace } = await signIn("admin");
    const bad = await createModelProviderAction(
      providerInput({ name: "Has Spaces/slash", baseUrl: "ftp://example.test", defaultModel: "", timeoutMs: 10 }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.code).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["baseUrl", "defaultModel", "name", "timeoutMs"]);
    const credentialsInUrl = await createModelProviderAction(
      providerInput({ baseUrl: "https://user:pass@example.test/v1" }),
    );
    expect(credentialsInUrl).toMatchObject({ ok: false, fieldErrors: { baseUrl: expect.any(Array) } });
    expect(await db().modelProvider.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await auditRows(workspace.id)).toEqual([]);

    expect((await createModelProviderAction(providerInput())).ok).toBe(true);
    const duplicate = await createModelProviderAction(providerInput({ name: "ACME" }));
    expect(duplicate).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { name: expect.any(Array) } });
  });

  it("keeps, replaces or removes the key on update, auditing only hints", async () => {
    const { workspace } = await signIn("admin");
    const created = await createModelProviderAction(providerInput());
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;

    const kept = await updateModelProviderAction({
      ...providerInput({ apiKey: "", defaultModel: "gpt-4.1-mini" }),
      id,
    });
    expect(kept).toMatchObject({ ok: true, data: { hasKey: true, apiKeyHint: "9876", defaultModel: "gpt-4.1-mini" } });

    const newKey = "sk-proj-REPLACED-zyxwvutsrqponm-4321";
    const replaced = await updateModelProviderAction({
      ...providerInput({ apiKey: newKey, defaultModel: "gpt-4.1-mini" }),
      id,
    });
    expect(replaced).toMatchObject({ ok: true, data: { hasKey: true, apiKeyHint: "4321" } });
    const row = await db().modelProvider.findUniqueOrThrow({ where: { id } });
    expect(decryptSecret(row.apiKeyCipher!)).toBe(newKey);

    const removed = await updateModelProviderAction({
      ...providerInput({ apiKey: "", defaultModel: "gpt-4.1-mini" }),
      id,
      clearApiKey: true,
    });
    expect(removed).toMatchObject({ ok: true, data: { hasKey: false, apiKeyHint: null } });

    const unchanged = await updateModelProviderAction({
      ...providerInput({ apiKey: "", defaultModel: "gpt-4.1-mini" }),
      id,
    });
    expect(unchanged.ok).toBe(true);

    const audit = await auditRows(workspace.id);
    expect(audit.map((a) => [a.action, (a.metadata as { apiKey?: string } | null)?.apiKey ?? null])).toEqual([
      ["model_provider.created", null],
      ["model_provider.updated", "kept"],
      ["model_provider.updated", "replaced"],
      ["model_provider.updated", "removed"],
    ]);
    expect(audit[1]).toMatchObject({
      before: { defaultModel: "gpt-4o-mini" },
      after: { defaultModel: "gpt-4.1-mini" },
    });
    expect(audit[2]).toMatchObject({ before: { apiKeyHint: "9876" }, after: { apiKeyHint: "4321" } });
    const text = auditText(audit);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(newKey);

    const deleted = await deleteModelProviderAction({ id });
    expect(deleted.ok).toBe(true);
    expect(await db().modelProvider.count({ where: { id } })).toBe(0);
    expect((await auditRows(workspace.id)).at(-1)).toMatchObject({
      action: "model_provider.deleted",
      before: { name: "acme" },
    });
  });

  it("refuses non-admins and other workspaces' providers, changing nothing", async () => {
    const { workspace } = await signIn("admin");
    const created = await createModelProviderAction(providerInput());
    if (!created.ok) throw new Error(created.message);

    for (const role of ["designer", "operator", "auditor"] as const) {
      await signIn(role, workspace);
      expect(await createModelProviderAction(providerInput({ name: `by-${role}` }))).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(
        await updateModelProviderAction({
          ...providerInput({ baseUrl: "https://evil.example.test/v1" }),
          id: created.data.id,
        }),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await deleteModelProviderAction({ id: created.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await testModelProviderAction({ id: created.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await createSecretAction({ name: "X_TOKEN", value: "value-value-value" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    const row = await db().modelProvider.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.baseUrl).toBe(server.baseUrl);
    expect(await db().modelProvider.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await db().workspaceSecret.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect((await auditRows(workspace.id)).map((a) => a.action)).toEqual(["model_provider.created"]);

    await signIn("admin"); // an admin of another workspace
    expect(await deleteModelProviderAction({ id: created.data.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await testModelProviderAction({ id: created.data.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(null);
    expect(await createModelProviderAction(providerInput())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("tests a connection without revealing the key", async () => {
    const { workspace } = await signIn("admin");
    const created = await createModelProviderAction(providerInput());
    if (!created.ok) throw new Error(created.message);

    const ok = await testModelProviderAction({ id: created.data.id });
    expect(ok).toMatchObject({ ok: true, data: { ok: true, method: "models", defaultModelListed: true } });
    expect(server.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models" });
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_KEY}`);

    server.setModels({ status: 401, message: `Incorrect API key provided: ${API_KEY}` });
    const refused = await testModelProviderAction({ id: created.data.id });
    expect(refused).toMatchObject({ ok: true, data: { ok: false } });
    if (refused.ok) {
      expect(refused.data.message).toMatch(/refused the key/);
      expect(refused.data.message).not.toContain(API_KEY);
    }

    // A server without /models: a one-token chat call instead.
    server.setModels({ status: 404 });
    server.enqueue({ type: "text", text: "OK" });
    const viaChat = await testModelProviderAction({ id: created.data.id });
    expect(viaChat).toMatchObject({ ok: true, data: { ok: true, method: "chat" } });
    expect(server.chatRequests().at(-1)!.body).toMatchObject({ model: "gpt-4o-mini", max_completion_tokens: 1 });
    server.setModels(["gpt-4o-mini"]);

    const audit = await auditRows(workspace.id);
    expect(
      audit.filter((a) => a.action === "model_provider.tested").map((a) => (a.metadata as { ok: boolean }).ok),
    ).toEqual([true, false, true]);
    expect(auditText(audit)).not.toContain(API_KEY);
  });
});

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

describe("workspace secrets", () => {
  it("stores values encrypted, lists names and hints only, and reads them back for tools", async () => {
    const { workspace } = await signIn("admin");
    const value = "crm-token-ABCDEFGHIJKLMNOP-5678";
    const created = await createSecretAction({ name: "CRM_TOKEN", value });
    expect(created).toMatchObject({ ok: true, data: { name: "CRM_TOKEN", hint: "5678" } });
    if (!created.ok) return;

    const row = await db().workspaceSecret.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.cipher).not.toContain(value);
    expect(JSON.stringify(await listSecrets(workspace.id))).not.toContain(value);
    expect(await listSecrets(workspace.id)).toEqual([
      { id: row.id, name: "CRM_TOKEN", hint: "5678", createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "CRM_TOKEN"))).toBe(value);
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "MISSING"))).toBeNull();

    const bad = await createSecretAction({ name: "crm-token", value: "" });
    expect(bad).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: expect.any(Array), value: expect.any(Array) },
    });
    expect(await createSecretAction({ name: "CRM_TOKEN", value: "another-value-123456" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { name: expect.any(Array) },
    });

    const next = "crm-token-ROTATED-qrstuvwxyz-0001";
    expect(await updateSecretAction({ id: row.id, value: next })).toMatchObject({ ok: true, data: { hint: "0001" } });
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "CRM_TOKEN"))).toBe(next);
    expect(await deleteSecretAction({ id: row.id })).toMatchObject({ ok: true });
    expect(await db().workspaceSecret.count({ where: { workspaceId: workspace.id } })).toBe(0);

    const audit = await auditRows(workspace.id);
    expect(audit.map((a) => a.action)).toEqual(["secret.created", "secret.updated", "secret.deleted"]);
    expect(audit[1]).toMatchObject({ before: { hint: "5678" }, after: { hint: "0001" } });
    const text = auditText(audit);
    expect(text).not.toContain(value);
    expect(text).not.toContain(next);

    // Another workspace cannot touch it, and a non-admin cannot change it.
    const other = await createSecretAction({ name: "OTHER", value: "other-secret-value-00" });
    if (!other.ok) throw new Error(other.message);
    await signIn("admin");
    expect(await updateSecretAction({ id: other.data.id, value: "hijacked-value-000000" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await signIn("operator", workspace);
    expect(await deleteSecretAction({ id: other.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "OTHER"))).toBe("other-secret-value-00");
  });
});
