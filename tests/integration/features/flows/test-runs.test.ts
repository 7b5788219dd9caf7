import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { FAILURE_FALLBACK_REPLY, HANDOVER_REPLY } from "@/lib/runtime/engine/run/customer-outbox";
import { sendTurn } from "@/tests/support/engine";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { parseKpiFilters } from "@/lib/features/dashboard/filters";
import { loadKpiValues } from "@/lib/features/dashboard/load-dashboard";
import { refreshRollups } from "@/lib/features/dashboard/refresh-rollups";
import { getFlowHistory } from "@/lib/features/flows/get-flow-history";
import { getFlowOverview } from "@/lib/features/flows/get-flow-overview";
import { listConversations } from "@/lib/features/live/list-conversations";
import { countOpenEscalations, listEscalations } from "@/lib/features/inbox/list-escalations";
import { listFlows } from "@/lib/features/flows/list-flows";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { saveDraft } from "@/lib/features/flows/save-draft";
import { sendDraftTestMessage, startDraftTest } from "@/lib/features/flows/test-version";
import { designerWorkspace, makeFlow, parseGraph, replyGraph, tx } from "./helpers";

describe("testing the draft", () => {
  it("runs a hidden test version that reuses itself until the draft changes, and never shows up in operations", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, replyGraph("Live answer."));
    await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: designer.id }),
    );
    const live = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    await sendTurn({ workspaceId: workspace.id, conversationId: live.id, text: "hi" });

    const saved = await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Draft answer."),
        userId: designer.id,
      }),
    );
    const test = await tx((t) =>
      startDraftTest(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: saved.revision,
        userId: designer.id,
      }),
    );
    expect(test.reused).toBe(false);
    expect(test.messages[0].text).toBe("Hi! How can I help you today?");
    const turn = await tx((t) =>
      sendDraftTestMessage(t, { workspaceId: workspace.id, flowId: flow.id, conversationId: test.id, text: "hello" }),
    );
    expect(turn.replies.map((r) => r.text)).toEqual(["Draft answer."]);
    // The turn's number: what the Test panel loads each node's details with.
    expect(turn.turn).toBe(1);
    expect(turn.steps).toEqual([
      { nodeId: "start", nodeKind: "start", turn: 1, seq: 1, status: "completed", error: null },
      { nodeId: "agent", nodeKind: "agent", turn: 1, seq: 2, status: "completed", error: null },
    ]);

    const again = await tx((t) =>
      startDraftTest(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: saved.revision,
        userId: designer.id,
      }),
    );
    expect(again).toMatchObject({ reused: true, versionId: test.versionId });

    const version = await db().flowVersion.findUniqueOrThrow({ where: { id: test.versionId } });
    expect(version).toMatchObject({ kind: "test", number: null, draftRevision: saved.revision });
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: test.id } });
    expect(conversation).toMatchObject({ channel: "test", flowVersionId: test.versionId });

    // The published version is untouched and still serves customers.
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).publishedVersionId).not.toBe(test.versionId);

    // Excluded from history, Live, the dashboard and the flows list.
    const overview = await getFlowOverview(workspace.id, flow.id);
    expect(overview?.versions.map((v) => v.number)).toEqual([1]);
    expect(overview?.published?.number).toBe(1);
    const history = await getFlowHistory(workspace.id, flow.id);
    expect(history?.versions.map((v) => [v.number, v.current, v.conversations])).toEqual([[1, true, 1]]);
    const listed = await listConversations({ workspaceId: workspace.id });
    expect(listed.rows.map((r) => r.id)).toEqual([live.id]);
    expect(listed.total).toBe(1);
    // The dashboard's figures (its roll-ups) count the live conversation, not the test one.
    await refreshRollups({ full: true });
    expect((await loadKpiValues(workspace.id, parseKpiFilters({}))).totals.started).toBe(1);
    const row = (await listFlows(workspace.id)).find((f) => f.id === flow.id);
    expect(row).toMatchObject({ recentConversations: 1, versionCount: 1, published: { number: 1 } });

    // A new test on a stale revision is a conflict.
    await expect(
      tx((t) =>
        startDraftTest(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, userId: designer.id }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps test escalations out of the inbox", async () => {
    const { workspace, designer } = await designerWorkspace();
    const graph = parseGraph({
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
        {
          id: "human",
          kind: "escalate",
          label: "To a person",
          position: { x: 300, y: 0 },
          config: { reason: "Asked for a person", message: "Connecting you." },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "human" }],
    });
    const flow = await makeFlow(workspace.id, designer.id, graph);
    const test = await tx((t) =>
      startDraftTest(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, userId: designer.id }),
    );
    const turn = await tx((t) =>
      sendDraftTestMessage(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        conversationId: test.id,
        text: "a human please",
      }),
    );
    expect(turn.status).toBe("escalated");
    expect(await db().escalation.count({ where: { conversationId: test.id } })).toBe(1);
    const inbox = await listEscalations({ workspaceId: workspace.id });
    expect(inbox.pending).toHaveLength(0);
    expect(inbox.queues).toEqual([]);
    expect(await countOpenEscalations(workspace.id)).toBe(0);
    await refreshRollups({ full: true });
    expect((await loadKpiValues(workspace.id, parseKpiFilters({}))).totals.escalations).toBe(0);
  });

  it("only reaches this flow's test conversations", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id);
    await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: designer.id }),
    );
    const live = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    await expect(
      tx((t) =>
        sendDraftTestMessage(t, { workspaceId: workspace.id, flowId: flow.id, conversationId: live.id, text: "hi" }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = await designerWorkspace();
    await expect(
      tx((t) =>
        startDraftTest(t, {
          workspaceId: stranger.workspace.id,
          flowId: flow.id,
          baseRevision: 1,
          userId: stranger.designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a node that fails", () => {
  it("with onError: fail, becomes a failed step, a failed conversation with the reason, and a polite fallback: committed, not a 500", async () => {
    const { workspace, designer } = await designerWorkspace();
    // An HTTP tool pointed at a private address: the SSRF guard refuses it, which no retry can change.
    const graph = parseGraph({
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: { greeting: "Hi." } },
        {
          id: "hello",
          kind: "response",
          label: "Hello",
          position: { x: 300, y: 0 },
          config: { template: "One moment." },
        },
        {
          id: "check",
          kind: "tool",
          label: "Manager check",
          position: { x: 600, y: 0 },
          policy: { onError: "fail" },
          config: {
            source: "http",
            http: { method: "GET", url: "http://10.0.0.9/approve", headers: [], timeoutMs: 1000, responseMap: "" },
          },
        },
      ],
      edges: [
        { id: "e1", source: "start", target: "hello" },
        { id: "e2", source: "hello", target: "check" },
      ],
    });
    const flow = await makeFlow(workspace.id, designer.id, graph);
    const test = await tx((t) =>
      startDraftTest(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, userId: designer.id }),
    );
    const turn = await tx((t) =>
      sendDraftTestMessage(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        conversationId: test.id,
        text: "refund please",
      }),
    );

    expect(turn.status).toBe("failed");
    expect(turn.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["start", "completed"],
      ["hello", "completed"],
      ["check", "failed"],
    ]);
    expect(turn.steps[2].error).toMatch(/private address/i);
    expect(turn.replies.map((r) => r.text)).toEqual(["One moment.", FAILURE_FALLBACK_REPLY]);
    expect(turn.failureReason).toMatch(/Manager check \(tool, check\) failed: .*private address/i);

    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: test.id } });
    expect(conversation.status).toBe("failed");
    expect(conversation.endedAt).not.toBeNull();
    const messages = await db().message.findMany({ where: { conversationId: test.id }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ["agent", "Hi."],
      ["customer", "refund please"],
      ["agent", "One moment."],
      ["system", FAILURE_FALLBACK_REPLY],
    ]);
    expect(await db().auditLog.count({ where: { resourceId: test.id, action: "conversation.failed" } })).toBe(1);

    // The conversation has ended: a further message is refused cleanly, and writes nothing.
    await expect(
      sendTurn({ workspaceId: workspace.id, conversationId: test.id, text: "hello?" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().message.count({ where: { conversationId: test.id } })).toBe(4);
  });

  it("never sends a half-filled exact wording: the node fails and, by default, a person takes over with the context", async () => {
    const { workspace, designer } = await designerWorkspace();
    // A reply template with a variable that cannot be filled throws inside the executor.
    const graph = parseGraph({
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
        {
          id: "say",
          kind: "response",
          label: "Exact wording",
          position: { x: 300, y: 0 },
          config: { template: "Your order {{order.number}}." },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "say" }],
    });
    const flow = await makeFlow(workspace.id, designer.id, graph);
    const test = await tx((t) =>
      startDraftTest(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, userId: designer.id }),
    );
    const turn = await tx((t) =>
      sendDraftTestMessage(t, { workspaceId: workspace.id, flowId: flow.id, conversationId: test.id, text: "status?" }),
    );
    expect(turn.status).toBe("escalated");
    expect(turn.steps.at(-1)).toMatchObject({
      nodeId: "say",
      status: "failed",
      error: expect.stringMatching(/cannot fill/),
    });
    expect(turn.replies.map((r) => r.text)).toEqual([HANDOVER_REPLY]);
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: test.id } });
    expect(escalation).toMatchObject({ status: "open", priority: 1, reason: "Automation failed: Exact wording" });
    expect(escalation.context).toMatchObject({
      trigger: "node_failed",
      nodeId: "say",
      failure: { error: expect.stringMatching(/cannot fill/), attempts: 1 },
    });
  });
});
