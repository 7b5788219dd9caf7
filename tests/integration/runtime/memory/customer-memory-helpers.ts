// Fixtures shared by the customer-memory tests: a transaction, customers, a flow, a conversation whose engine-written
// JSON carries copies of the customer's memory, and a snapshot of those rows.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/platform/db/client";

export const tx = <T>(fn: (t: Tx) => Promise<T>) => db().$transaction(fn);
export const DAY = 86_400_000;

export async function seedCustomer(workspaceId: string, ref = `C-${randomBytes(3).toString("hex")}`) {
  return db().customer.create({
    data: { workspaceId, ref, name: `Customer ${ref}`, email: `${ref.toLowerCase()}@example.com` },
  });
}

export async function seedFlow(workspaceId: string) {
  const flow = await db().flow.create({
    data: { workspaceId, slug: `f-${randomBytes(3).toString("hex")}`, name: "Support", draft: {} },
  });
  const version = await db().flowVersion.create({ data: { flowId: flow.id, number: 1, graph: {} } });
  return { flowId: flow.id, flowVersionId: version.id };
}

/** A conversation whose engine-written JSON carries copies of the customer's recalled memory, as the engine keeps them. */
export async function seedConversationWithMemoryCopies(
  workspaceId: string,
  customerId: string,
  flow: { flowId: string; flowVersionId: string },
  secret: string,
) {
  const recalled = {
    facts: { "preferred.language": secret },
    summaries: [{ conversationId: "old", summary: `Asked about ${secret}` }],
  };
  const conversation = await db().conversation.create({
    data: {
      workspaceId,
      customerId,
      ...flow,
      state: { intent: "refund", order: { number: "A1002" }, memory: { customer: recalled } },
      runtime: {
        seq: 2,
        frames: [
          {
            versionId: flow.flowVersionId,
            callerNodeId: null,
            state: { memory: { customer: recalled, note: "keep" } },
          },
          { versionId: flow.flowVersionId, callerNodeId: "sub", state: { x: 1 } },
        ],
      },
    },
  });
  const stepId = `${conversation.id}:e1:1`;
  await db().step.create({
    data: {
      id: stepId,
      conversationId: conversation.id,
      turn: 1,
      seq: 1,
      nodeId: "agent",
      nodeKind: "agent",
      status: "completed",
      input: { message: "hi", state: { memory: { customer: recalled } } },
      output: { written: { "memory.customer.preferred.language": secret }, reply: "ok" },
    },
  });
  await db().step.create({
    data: {
      id: `${conversation.id}:e1:2`,
      conversationId: conversation.id,
      turn: 1,
      seq: 2,
      nodeId: "end",
      nodeKind: "end",
      status: "completed",
      input: { a: 1 },
      output: { outcome: "resolved" },
    },
  });
  await db().span.create({
    data: {
      id: `${stepId}:llm`,
      workspaceId,
      conversationId: conversation.id,
      stepId,
      kind: "llm",
      name: "model",
      status: "ok",
      startedAt: new Date(),
      durationMs: 5,
      input: { messages: [{ role: "system", content: "You know:" }], context: { memory: { customer: recalled } } },
      output: { text: "Bonjour" },
    },
  });
  await db().escalation.create({
    data: {
      workspaceId,
      conversationId: conversation.id,
      reason: "refund",
      slaDueAt: new Date(Date.now() + DAY),
      context: { state: { memory: { customer: recalled } } },
    },
  });
  return conversation;
}

export async function snapshot(conversationId: string) {
  const [conversation, steps, spans, escalations] = await Promise.all([
    db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { state: true, runtime: true, customerId: true, updatedAt: true },
    }),
    db().step.findMany({
      where: { conversationId },
      orderBy: { seq: "asc" },
      select: { id: true, input: true, output: true },
    }),
    db().span.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, input: true, output: true, attributes: true },
    }),
    db().escalation.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, context: true },
    }),
  ]);
  return { conversation, steps, spans, escalations };
}
