import "server-only";
import { auditLog } from "@/lib/audit/audit-log";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { startNode, versionGraph } from "./load-graph";

export type StartedConversation = {
  id: string;
  status: string;
  messages: { id: string; role: string; author: string | null; text: string; createdAt: Date }[];
};

/** Opens a conversation on the flow's published version (pinned for its whole life) and sends the greeting. */
export async function startConversation(options: {
  workspaceId: string;
  flowSlug: string;
  channel: "web" | "api";
  customerId?: string | null;
}): Promise<StartedConversation> {
  const flow = await db().flow.findUnique({
    where: { workspaceId_slug: { workspaceId: options.workspaceId, slug: options.flowSlug } },
    include: { publishedVersion: true },
  });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: `No flow "${options.flowSlug}" in this workspace.` });
  const version = flow.publishedVersion;
  if (!version) throw new AppError("CONFLICT", { userMessage: `Flow "${flow.name}" has no published version yet.` });
  const graph = versionGraph(version.id, version.graph);
  const start = startNode(graph);
  if (start.kind !== "start" || !start.config.channels.includes(options.channel)) {
    throw new AppError("BAD_REQUEST", { userMessage: `Flow "${flow.name}" does not accept the ${options.channel} channel.` });
  }

  return db().$transaction(async (tx) => {
    const conversation = await tx.conversation.create({
      data: {
        workspaceId: options.workspaceId,
        flowId: flow.id,
        flowVersionId: version.id,
        customerId: options.customerId ?? null,
        channel: options.channel,
      },
    });
    const messages = start.config.greeting
      ? [
          await tx.message.create({
            data: { conversationId: conversation.id, seq: 1, role: "agent", author: start.label, text: start.config.greeting },
          }),
        ]
      : [];
    await auditLog(
      {
        workspaceId: options.workspaceId,
        actor: { type: "customer", id: options.customerId ?? null, label: `${options.channel} customer` },
        action: "conversation.started",
        resourceType: "conversation",
        resourceId: conversation.id,
        after: { flow: flow.slug, version: version.number, channel: options.channel },
      },
      tx,
    );
    return {
      id: conversation.id,
      status: conversation.status,
      messages: messages.map((m) => ({ id: m.id, role: m.role, author: m.author, text: m.text, createdAt: m.createdAt })),
    };
  });
}
