// Publishing freezes the draft into an immutable numbered version and trains each router's classifier on it,
// so a conversation pinned to a version always routes the same way.
import "server-only";
import { auditLog, type AuditActor } from "@/lib/audit/audit-log";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { serializeIntentModel, trainIntentClassifier } from "@/lib/routing/intent-classifier";
import { flowGraphSchema } from "./schema";

export async function publishFlow(
  tx: Tx,
  options: { flowId: string; note: string; actor: AuditActor; userId?: string | null },
): Promise<{ versionId: string; number: number }> {
  const flow = await tx.flow.findUniqueOrThrow({ where: { id: options.flowId } });
  const graph = flowGraphSchema.parse(flow.draft);
  const last = await tx.flowVersion.findFirst({
    where: { flowId: flow.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const number = (last?.number ?? 0) + 1;
  const version = await tx.flowVersion.create({
    data: {
      flowId: flow.id,
      number,
      graph: graph as unknown as Prisma.InputJsonValue,
      note: options.note,
      createdById: options.userId ?? null,
    },
  });

  for (const node of graph.nodes) {
    if (node.kind !== "router") continue;
    const examples = node.config.routes.flatMap((route) => route.examples.map((text) => ({ text, intent: route.id })));
    const model = trainIntentClassifier(examples, { seed: 7 });
    await tx.intentModel.create({
      data: {
        flowVersionId: version.id,
        nodeId: node.id,
        intents: node.config.routes.map((route) => route.id),
        model: Buffer.from(serializeIntentModel(model)),
        exampleCount: examples.length,
      },
    });
  }

  await tx.flow.update({ where: { id: flow.id }, data: { publishedVersionId: version.id } });
  await auditLog(
    {
      workspaceId: flow.workspaceId,
      actor: options.actor,
      action: "flow.published",
      resourceType: "flow_version",
      resourceId: version.id,
      after: { flow: flow.slug, number, note: options.note },
    },
    tx,
  );
  return { versionId: version.id, number };
}
