// Shared by the model-provider and secret settings tests: a local OpenAI-compatible server (started, reset and stopped
// by the test file's hooks), signing in with a role, the audit rows of a workspace, and a provider form's input.
import type { Role } from "@/lib/model/permissions";
import { db } from "@/lib/platform/db/client";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { seedUser, seedWorkspace } from "@/tests/support/factories";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";
import { signInAs } from "@/tests/support/session-mock";

export const API_KEY = "sk-proj-INTEGRATION-abcdefghijklmnop-9876";
export let server: OpenAITestServer;

export async function startModelServer() {
  server = await startOpenAITestServer();
}
export async function stopModelServer() {
  await server.close();
}
export function resetModelServer() {
  server.reset();
  clearProviderCache();
}

export async function signIn(role: Role, workspace?: { id: string; slug: string; name: string }) {
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

export async function auditRows(workspaceId: string) {
  return db().auditLog.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });
}

/** Every column of the audit rows as text (ids are BigInt). */
export const auditText = (rows: unknown) =>
  JSON.stringify(rows, (_, value) => (typeof value === "bigint" ? value.toString() : value));

export function providerInput(overrides: Record<string, unknown> = {}) {
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
