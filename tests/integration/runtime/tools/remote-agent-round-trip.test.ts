// Switchboard calling Switchboard over A2A: a flow's Remote agent node talks to another published flow exposed as an
// A2A agent (the app's own route handlers on a real port), authenticated with a workspace API key kept in Settings →
// Secrets. Both ends are the real protocol peers: @a2a-js/sdk's client in the engine, its server in the routes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { createSecret } from "@/lib/features/settings/secrets/create-secret";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { demoWorkspace } from "@/tests/support/factories";
import { seedApiKey } from "@/tests/integration/interfaces/api/helpers";
import { startA2aServer } from "@/tests/integration/interfaces/a2a/server-harness";

const workspace = await demoWorkspace();
let server: { url: string; port?: number; close: () => Promise<void> };

beforeAll(async () => {
  server = await startA2aServer();
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = new URL(server.url).host;
  const { key } = await seedApiKey({ workspaceId: workspace.id, name: "Remote agent key" });
  await db().$transaction((tx) =>
    createSecret(tx, { workspaceId: workspace.id, input: { name: "SWITCHBOARD_A2A_KEY", value: key } }),
  );
});

afterAll(async () => {
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  await server?.close();
});

describe("a Remote agent node calling a Switchboard flow over A2A", () => {
  it("gets the retail flow's answer for the customer and continues the same remote conversation", async () => {
    const graph: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
        {
          id: "retail",
          kind: "remote_agent",
          label: "Retail desk",
          position: { x: 250, y: 0 },
          config: {
            cardUrl: `${server.url}/api/a2a/${workspace.slug}/retail-support/.well-known/agent-card.json`,
            headers: [{ name: "Authorization", value: "Bearer {{secret}}", secret: "SWITCHBOARD_A2A_KEY" }],
            outputKey: "retail.answer",
          },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "retail" }],
    };
    await publishedFlow(graph, "front-desk", { workspaceId: workspace.id });
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "front-desk",
      channel: "api",
      customerId: null,
    });
    const turn = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "Where is my order A1001?",
    });
    expect(turn.replies.length).toBeGreaterThan(0);
    expect(turn.replies.map((r) => r.text).join(" ")).toMatch(/A1001/);

    const span = await db().span.findFirstOrThrow({ where: { conversationId: conversation.id, kind: "tool" } });
    expect(span).toMatchObject({ name: "retail", status: "ok" });
    expect(span.attributes).toMatchObject({ source: "a2a", agentName: "Retail support" });
    const remote = await db().conversation.findFirstOrThrow({
      where: { workspaceId: workspace.id, channel: "api", id: { not: conversation.id } },
      orderBy: { startedAt: "desc" },
    });
    expect(
      await db().auditLog.count({ where: { action: "conversation.started_via_a2a", resourceId: remote.id } }),
    ).toBe(1);

    await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "Thanks, and when will it arrive?",
    });
    const tasks = await db().a2aTask.findMany({ where: { workspaceId: workspace.id } });
    expect(new Set(tasks.map((t) => t.contextId)).size).toBe(1);
    expect(new Set(tasks.map((t) => t.conversationId)).size).toBe(1);
  });
});
