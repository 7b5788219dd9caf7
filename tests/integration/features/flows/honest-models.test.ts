// Honest models through the real engine and database: publishing refuses an LLM node whose model no provider in the
// workspace serves (and accepts it once one does, or "offline" on purpose); every reply the offline stand-in writes
// is stored and returned labelled offline (the designer's test chat, a live conversation, an eval case); and its
// calls count as model "offline" with no tokens or cost, never under the configured model's name.
import { describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { loadModelUsage } from "@/lib/features/dashboard/queries";
import { refreshRollups } from "@/lib/features/dashboard/refresh-rollups";
import { prepareModelUsage } from "@/lib/features/dashboard/prepare-charts";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { sendDraftTestMessage, startDraftTest } from "@/lib/features/flows/test-version";
import { parseGraph } from "@/tests/integration/features/flows/helpers";
import { designerWorkspace, makeFlow, tx } from "./helpers";
import { publishedFlow, sendTurn, waitFor } from "@/tests/support/engine";
import { seedUser } from "@/tests/support/factories";

/** Start → an LLM agent on `model` that answers from its offline hint when the stand-in plays it. */
function llmGraph(model: string) {
  return parseGraph({
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
      {
        id: "helper",
        kind: "agent",
        label: "Helper",
        position: { x: 300, y: 0 },
        config: { mode: "llm", model, systemPrompt: "Help with orders.", reply: "Thanks, I have what I need." },
      },
      { id: "done", kind: "end", label: "Done", position: { x: 600, y: 0 }, config: {} },
    ],
    edges: [
      { id: "e1", source: "start", target: "helper" },
      { id: "e2", source: "helper", target: "done" },
    ],
  });
}

const today = new Date().toISOString().slice(0, 10);

describe("publishing an LLM node", () => {
  it("is refused while no provider serves its model, naming the model and Settings → Model providers", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, llmGraph("gpt-4o-mini"));
    const publish = (baseRevision: number) =>
      tx((t) =>
        publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision, note: "v1", userId: designer.id }),
      );
    const refused = await publish(1).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "VALIDATION" });
    expect((refused as { userMessage: string }).userMessage).toContain(
      "uses the model “gpt-4o-mini”, but no model provider in this workspace can serve it. Add one in Settings → Model providers",
    );
    expect(await db().flowVersion.count({ where: { flowId: flow.id, kind: "published" } })).toBe(0);

    // A provider named "default" serves bare model names: the same draft now publishes.
    await db().modelProvider.create({
      data: {
        workspaceId: workspace.id,
        name: "default",
        baseUrl: "http://127.0.0.1:9/v1",
        defaultModel: "gpt-4o-mini",
      },
    });
    expect(await publish(1)).toMatchObject({ number: 1 });
  });

  it("publishes the offline stand-in chosen on purpose", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, llmGraph("offline"));
    const published = await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: designer.id }),
    );
    expect(published.number).toBe(1);
  });
});

describe("replies and usage of the offline stand-in", () => {
  it("labels every reply of a designer test run offline, and records which model it stood in for", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, llmGraph("gpt-4o-mini"));
    const test = await tx((t) =>
      startDraftTest(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, userId: designer.id }),
    );
    for (const text of ["Where is my order?", "And my refund?"]) {
      const turn = await tx((t) =>
        sendDraftTestMessage(t, { workspaceId: workspace.id, flowId: flow.id, conversationId: test.id, text }),
      );
      expect(turn.replies).toEqual([expect.objectContaining({ text: "Thanks, I have what I need.", offline: true })]);
    }
    const stored = await db().message.findMany({
      where: { conversationId: test.id, role: "agent" },
      orderBy: { seq: "asc" },
    });
    expect(stored.map((m) => m.offline)).toEqual([true, true]);

    const step = await db().step.findFirstOrThrow({ where: { conversationId: test.id, nodeId: "helper" } });
    expect(step.output).toMatchObject({
      model: "offline",
      provider: "offline",
      offline: true,
      standInFor: "gpt-4o-mini",
    });
    const spans = await db().span.findMany({ where: { conversationId: test.id, kind: "llm" } });
    expect(spans.length).toBe(2);
    for (const span of spans)
      expect(span).toMatchObject({ name: "offline", tokensIn: null, tokensOut: null, costUsd: null });
  });

  it("counts a live conversation's stand-in calls as model offline with no tokens on the dashboard", async () => {
    const { workspace, flow } = await publishedFlow(llmGraph("gpt-4o-mini"), "stand-in-usage");
    const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" });
    const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "hello" });
    expect(turn.replies.map((r) => r.offline)).toEqual([true]);

    await refreshRollups({ full: true });
    const range = { from: today, to: today, flowId: null, versionId: null, channel: null };
    const usage = await loadModelUsage(workspace.id, range);
    expect(usage).toEqual([
      expect.objectContaining({ model: "offline", calls: 1, tokensIn: 0, tokensOut: 0, costUsd: 0 }),
    ]);
    expect(prepareModelUsage(usage)[0]).toMatchObject({ offline: true, costLabel: "none (offline stand-in)" });
  });

  it("counts a case's offline replies in its eval result", async () => {
    const { workspace, flow } = await publishedFlow(llmGraph("offline"), "stand-in-evals");
    const user = await seedUser({ workspaceId: workspace.id, role: "designer" });
    const member: Member = {
      userId: user.id,
      email: user.email,
      name: user.name,
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      workspaceName: workspace.name,
      role: "designer",
    };
    const version = await db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, kind: "published" } });
    const suite = await db().evalSuite.create({
      data: { workspaceId: workspace.id, flowId: flow.id, name: "stand-in" },
    });
    await db().evalCase.create({
      data: { suiteId: suite.id, name: "two turns", turns: ["hello", "thanks"], expectations: {} },
    });
    const { runId } = await db().$transaction(
      (t) => createEvalRun(t, member, { suiteId: suite.id, target: "version", versionId: version.id }),
      {
        timeout: 60_000,
      },
    );
    await waitFor(
      async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
      120_000,
      "the eval run",
    );
    const [result] = await db().evalCaseResult.findMany({ where: { runId } });
    expect(result).toMatchObject({ passed: true, offlineReplies: 2 });
  });
});
