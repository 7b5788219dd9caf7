// Model providers end to end through the server actions (session mocked; the rest is real: defineAction, zod, the
// domain functions, Postgres, the audit log) and the real `openai` client against a local OpenAI-compatible server.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedInMember, signInAs } from "@/tests/support/session-mock";
import {
  API_KEY,
  auditRows,
  auditText,
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

const {
  createModelProviderAction,
  updateModelProviderAction,
  deleteModelProviderAction,
  testModelProviderAction,
  createSecretAction,
} = await import("@/lib/features/settings/models/actions");
const { db } = await import("@/lib/platform/db/client");
const { decryptSecret } = await import("@/lib/platform/crypto/secret-box");
const { listModelProviders } = await import("@/lib/features/settings/models/list-model-providers");
const { resolveProvider } = await import("@/lib/runtime/agents/resolve-provider");

beforeAll(startModelServer);
afterAll(stopModelServer);
beforeEach(resetModelServer);

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
