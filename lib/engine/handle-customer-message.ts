// One customer turn: persist the message, walk the pinned flow version node by node until it waits for the
// customer, escalates or ends, and commit every step, reply and state change in one transaction.
import "server-only";
import { auditLog } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { executeNode, type TurnContext } from "./executors";
import { followEdge, startNode, versionGraph } from "./load-graph";

const MAX_NODES_PER_TURN = 50;
export const MAX_MESSAGE_LENGTH = 4000;

export type TurnResult = {
  conversation: { id: string; status: string };
  replies: { id: string; role: string; author: string | null; text: string; createdAt: Date }[];
};

export async function handleCustomerMessage(options: {
  workspaceId: string;
  conversationId: string;
  text: string;
}): Promise<TurnResult> {
  const text = options.text.trim();
  if (!text) throw new AppError("VALIDATION", { userMessage: "The message is empty." });
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new AppError("VALIDATION", { userMessage: `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.` });
  }

  return db().$transaction(
    async (tx) => {
      // Serialises turns of one conversation: a second message waits for the first to commit.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Conversation" WHERE id = ${options.conversationId} AND "workspaceId" = ${options.workspaceId} FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
      const conversation = await tx.conversation.findUniqueOrThrow({
        where: { id: options.conversationId },
        include: { flowVersion: true },
      });
      if (conversation.status === "resolved" || conversation.status === "abandoned" || conversation.status === "failed") {
        throw new AppError("CONFLICT", { userMessage: `This conversation has ended (${conversation.status}).` });
      }

      const last = await tx.message.findFirst({
        where: { conversationId: conversation.id },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      let seq = (last?.seq ?? 0) + 1;
      await tx.message.create({ data: { conversationId: conversation.id, seq: seq++, role: "customer", text } });

      // While a human has the conversation, the flow does not answer; the operator sees the message in the inbox.
      if (conversation.status === "escalated") {
        await tx.conversation.update({ where: { id: conversation.id }, data: { updatedAt: new Date() } });
        return { conversation: { id: conversation.id, status: conversation.status }, replies: [] };
      }

      const turn = (await tx.message.count({ where: { conversationId: conversation.id, role: "customer" } })) as number;
      const graph = versionGraph(conversation.flowVersionId, conversation.flowVersion.graph);
      const state = { ...(conversation.state as Record<string, unknown>) };
      const ctx: TurnContext = {
        tx,
        workspaceId: options.workspaceId,
        conversationId: conversation.id,
        flowVersionId: conversation.flowVersionId,
        text,
        state,
      };

      let node = conversation.currentNodeId
        ? (graph.nodes.find((n) => n.id === conversation.currentNodeId) ?? startNode(graph))
        : startNode(graph);
      let status: "active" | "escalated" | "resolved" | "abandoned" = "active";
      let resumeAt: string | null = null;
      const replies: { text: string; author: string }[] = [];

      for (let stepSeq = 1; ; stepSeq++) {
        if (stepSeq > MAX_NODES_PER_TURN) throw new Error(`Turn exceeded ${MAX_NODES_PER_TURN} nodes (loop without a wait point?)`);
        const startedAt = new Date();
        const result = await executeNode(node, ctx);
        await tx.step.create({
          data: {
            id: `${conversation.id}:${turn}:${stepSeq}`,
            conversationId: conversation.id,
            turn,
            seq: stepSeq,
            nodeId: node.id,
            nodeKind: node.kind,
            status: "completed",
            input: { text } as Prisma.InputJsonValue,
            output: result.output as Prisma.InputJsonValue,
            startedAt,
            endedAt: new Date(),
          },
        });
        if (node.kind === "router") {
          await auditLog(
            {
              workspaceId: options.workspaceId,
              actor: { type: "agent", id: conversation.id, label: node.label },
              action: "routing.decided",
              resourceType: "routing_decision",
              resourceId: conversation.id,
              after: result.output.decision,
              metadata: { flowVersionId: conversation.flowVersionId, nodeId: node.id, turn },
            },
            tx,
          );
        }
        replies.push(...(result.replies ?? []).map((reply) => ({ text: reply, author: node.label })));

        if (result.stop === "escalated" && result.escalation) {
          status = "escalated";
          const escalation = await tx.escalation.create({
            data: {
              workspaceId: options.workspaceId,
              conversationId: conversation.id,
              reason: result.escalation.reason,
              queue: result.escalation.queue,
              priority: result.escalation.priority,
              slaDueAt: new Date(Date.now() + result.escalation.slaMinutes * 60_000),
            },
          });
          await auditLog(
            {
              workspaceId: options.workspaceId,
              actor: { type: "agent", id: conversation.id, label: node.label },
              action: "escalation.created",
              resourceType: "escalation",
              resourceId: escalation.id,
              after: { reason: escalation.reason, queue: escalation.queue, priority: escalation.priority },
            },
            tx,
          );
          break;
        }
        if (result.stop === "ended") {
          status = result.endOutcome === "abandoned" ? "abandoned" : "resolved";
          break;
        }
        if (result.stop === "await_customer") {
          resumeAt = node.id;
          break;
        }
        const next = result.next ? followEdge(graph, node.id, result.next) : null;
        // No outgoing edge: the flow has said its piece and waits for the customer's next message from the top.
        if (!next) break;
        node = next;
      }

      const created = [];
      for (const reply of replies) {
        created.push(
          await tx.message.create({
            data: { conversationId: conversation.id, seq: seq++, role: "agent", author: reply.author, text: reply.text },
          }),
        );
      }
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status,
          currentNodeId: resumeAt,
          state: state as Prisma.InputJsonValue,
          endedAt: status === "resolved" || status === "abandoned" ? new Date() : undefined,
        },
      });
      return {
        conversation: { id: conversation.id, status },
        replies: created.map((m) => ({ id: m.id, role: m.role, author: m.author, text: m.text, createdAt: m.createdAt })),
      };
    },
    { timeout: 15_000 },
  );
}
