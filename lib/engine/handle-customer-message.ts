// One customer turn: persist the message, walk the pinned flow version node by node until it waits for the
// customer, escalates or ends, and commit every step, reply and state change in one transaction.
// A node that throws never rolls the turn back into a dead end: its work is undone to a savepoint, it is recorded
// as a failed step, the conversation is marked failed with the reason, and the customer gets a polite fallback.
import "server-only";
import { auditLog } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { executeNode, type TurnContext } from "./executors";
import { followEdge, startNode, versionGraph } from "./load-graph";

const MAX_NODES_PER_TURN = 50;
export const MAX_MESSAGE_LENGTH = 4000;
/** What the customer reads when a node fails: no internals, and a way forward. */
export const FAILURE_FALLBACK_REPLY =
  "Sorry, something went wrong on our side and I can't continue this conversation. Please start a new chat, or try again in a few minutes.";

export type TurnResult = {
  conversation: { id: string; status: string };
  /** The customer-turn number the steps of this turn carry (0 when the flow did not run, e.g. a human has it). */
  turn: number;
  replies: { id: string; role: string; author: string | null; text: string; createdAt: Date }[];
};

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

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
        return { conversation: { id: conversation.id, status: conversation.status }, turn: 0, replies: [] };
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
      let status: "active" | "escalated" | "resolved" | "abandoned" | "failed" = "active";
      let resumeAt: string | null = null;
      let failureReason: string | null = null;
      const replies: { text: string; author: string | null; role: "agent" | "system" }[] = [];

      for (let stepSeq = 1; ; stepSeq++) {
        const startedAt = new Date();
        // The step id is stable (conversation, turn, position), so a retried turn can never record a node twice.
        const recordStep = (outcome: { status: "completed" | "failed"; output?: Prisma.InputJsonValue; error?: string }) =>
          tx.step.create({
            data: {
              id: `${conversation.id}:${turn}:${stepSeq}`,
              conversationId: conversation.id,
              turn,
              seq: stepSeq,
              nodeId: node.id,
              nodeKind: node.kind,
              input: { text } as Prisma.InputJsonValue,
              startedAt,
              endedAt: new Date(),
              ...outcome,
            },
          });
        let result: Awaited<ReturnType<typeof executeNode>>;
        // A savepoint per node: whatever a failing node wrote is undone, and an aborted statement inside it does
        // not poison the transaction, so the failure itself can still be recorded and committed.
        await tx.$executeRawUnsafe("SAVEPOINT sb_node");
        try {
          if (stepSeq > MAX_NODES_PER_TURN) throw new Error(`Turn exceeded ${MAX_NODES_PER_TURN} nodes (loop without a wait point?)`);
          result = await executeNode(node, ctx);
          await tx.$executeRawUnsafe("RELEASE SAVEPOINT sb_node");
        } catch (error) {
          await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT sb_node");
          const message = errorMessage(error);
          await recordStep({ status: "failed", error: message });
          status = "failed";
          failureReason = `${node.label} (${node.kind}, ${node.id}) failed: ${message}`;
          replies.push({ text: FAILURE_FALLBACK_REPLY, author: null, role: "system" });
          await auditLog(
            {
              workspaceId: options.workspaceId,
              actor: { type: "agent", id: conversation.id, label: node.label },
              action: "conversation.failed",
              resourceType: "conversation",
              resourceId: conversation.id,
              after: { status: "failed", nodeId: node.id, nodeKind: node.kind, error: message },
              metadata: { flowVersionId: conversation.flowVersionId, turn },
            },
            tx,
          );
          break;
        }
        await recordStep({ status: "completed", output: result.output as Prisma.InputJsonValue });
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
        replies.push(...(result.replies ?? []).map((reply) => ({ text: reply, author: node.label, role: "agent" as const })));

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
            data: { conversationId: conversation.id, seq: seq++, role: reply.role, author: reply.author, text: reply.text },
          }),
        );
      }
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status,
          currentNodeId: resumeAt,
          state: state as Prisma.InputJsonValue,
          failureReason: failureReason ?? undefined,
          endedAt: status === "resolved" || status === "abandoned" || status === "failed" ? new Date() : undefined,
        },
      });
      return {
        conversation: { id: conversation.id, status },
        turn,
        replies: created.map((m) => ({ id: m.id, role: m.role, author: m.author, text: m.text, createdAt: m.createdAt })),
      };
    },
    { timeout: 15_000 },
  );
}
