// Hand back preselects where the conversation was escalated from: the engine records the escalating node in the
// escalation's context; an escalation step resolves to the agent or router that led into it, an old row without a
// node keeps the first target.
import { describe, expect, it } from "vitest";
import { getEscalation } from "@/lib/features/inbox/get-escalation";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";

const workspace = await demoWorkspace();

async function escalated() {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "retail-support",
    channel: "web",
  });
  await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "I want to talk to a human" });
  return db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
}

describe("the hand-back default", () => {
  it("is the node that led the conversation to the person", async () => {
    const escalation = await escalated();
    const detail = (await getEscalation(workspace.id, escalation.id))!;
    const from = detail.why.node!.id;
    const version = await db().flowVersion.findUniqueOrThrow({
      where: {
        id: (await db().conversation.findUniqueOrThrow({ where: { id: escalation.conversationId } })).flowVersionId,
      },
    });
    const graph = version.graph as { edges: { source: string; target: string }[] };
    const ids = detail.handBackTargets.map((t) => t.id);
    const expected = ids.includes(from)
      ? from
      : detail.handBackTargets.find((t) => graph.edges.some((e) => e.source === t.id && e.target === from))!.id;
    expect(detail.defaultHandBackTargetId).toBe(expected);
    expect(detail.defaultHandBackTargetId).not.toBe(detail.handBackTargets[0].id);
  });

  it("falls back to the first target for an escalation without a recorded node", async () => {
    const escalation = await escalated();
    await db().escalation.update({ where: { id: escalation.id }, data: { context: { trigger: "escalate_node" } } });
    const detail = (await getEscalation(workspace.id, escalation.id))!;
    expect(detail.defaultHandBackTargetId).toBe(detail.handBackTargets[0].id);
  });
});
