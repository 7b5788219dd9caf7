import "server-only";
import { auditLog, type AuditEntry } from "@/lib/platform/audit/audit-log";
import { db, transactionWithSql, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { TEST_CHANNEL, type CustomerChannel } from "@/lib/model/flow/channels";
import type { IdentityMethod } from "@/lib/model/identity";
import { emitConversationEvent } from "@/lib/runtime/webhooks/emit-events";
import { startNode, versionGraph } from "@/lib/runtime/engine/run/load-graph";
import { notifyLive } from "@/lib/runtime/engine/live/notify-live";

/** `author` is the console's (a node's label, a person's full name); customers see `senderName` (lib/model/sender-name.ts). */
export type TurnReply = {
  id: string;
  role: string;
  author: string | null;
  senderName: string | null;
  text: string;
  createdAt: Date;
};

export type StartedConversation = { id: string; status: string; messages: TurnReply[] };

type StartOptions =
  /**
   * A customer on a real channel: the flow's published version. `chatTokenHash`, the hash of the web chat's resume
   * token, is written with the row: the chat page can reach the conversation from the moment it exists. A
   * `customerId` given here is a verified customer: only server-side integrations (`api`, the default) and the host
   * site's signed identity (`signed_token`) can name one.
   */
  | {
      workspaceId: string;
      flowSlug: string;
      channel: CustomerChannel;
      customerId?: string | null;
      identityMethod?: Extract<IdentityMethod, "api" | "signed_token">;
      chatTokenHash?: string | null;
      /** Where a web visitor opened the chat (lib/features/chat/chat-origin.ts), shown to operators. */
      origin?: { pageUrl: string | null; referrer: string | null; userAgent: string | null };
      tx?: Tx;
    }
  /**
   * The designer's test chat: a hidden test version of the draft (see lib/features/flows/test-version.ts), on the "test"
   * channel, which every flow accepts and which the console never counts as operations.
   */
  | { workspaceId: string; testVersionId: string; channel: typeof TEST_CHANNEL; customerId?: null; tx?: Tx }
  /**
   * An evaluation run (lib/features/evals/run-suite.ts): any version of the flow, published or test, on the "test" channel,
   * marked with the run so its side-effecting tools run dry. A case run as a customer names them (verified, method
   * `api`), as a server-side integration would.
   */
  | {
      workspaceId: string;
      versionId: string;
      evalRunId: string;
      channel: typeof TEST_CHANNEL;
      customerId?: string | null;
      tx?: Tx;
    };

/** Opens a conversation pinned (for its whole life) to one flow version and sends the greeting. */
export async function startConversation(options: StartOptions): Promise<StartedConversation> {
  const reader = options.tx ?? db();
  let flow: { id: string; slug: string; name: string };
  let version: { id: string; number: number | null; graph: unknown };
  if ("testVersionId" in options || "versionId" in options) {
    const found = await reader.flowVersion.findFirst({
      where:
        "versionId" in options
          ? { id: options.versionId, flow: { workspaceId: options.workspaceId } }
          : { id: options.testVersionId, kind: "test", flow: { workspaceId: options.workspaceId } },
      include: { flow: { select: { id: true, slug: true, name: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "That test version does not exist in this workspace." });
    flow = found.flow;
    version = found;
  } else {
    const found = await reader.flow.findUnique({
      where: { workspaceId_slug: { workspaceId: options.workspaceId, slug: options.flowSlug } },
      include: { publishedVersion: true },
    });
    if (!found) throw new AppError("NOT_FOUND", { userMessage: `No flow "${options.flowSlug}" in this workspace.` });
    if (!found.publishedVersion)
      throw new AppError("CONFLICT", { userMessage: `Flow "${found.name}" has no published version yet.` });
    flow = found;
    version = found.publishedVersion;
  }
  const graph = versionGraph(version.id, version.graph);
  const start = startNode(graph);
  if (start.kind !== "start") throw new Error("Start node has the wrong kind");
  if (options.channel !== TEST_CHANNEL && !start.config.channels.includes(options.channel)) {
    throw new AppError("BAD_REQUEST", {
      userMessage: `Flow "${flow.name}" does not accept the ${options.channel} channel.`,
    });
  }

  const run = async (tx: Tx): Promise<StartedConversation> => {
    const { assistantName } = await tx.workspace.findUniqueOrThrow({
      where: { id: options.workspaceId },
      select: { assistantName: true },
    });
    const conversation = await tx.conversation.create({
      data: {
        workspaceId: options.workspaceId,
        flowId: flow.id,
        flowVersionId: version.id,
        customerId: options.customerId ?? null,
        ...(options.customerId
          ? {
              identityLevel: "verified" as const,
              identityMethod: ("identityMethod" in options && options.identityMethod) || "api",
              identifiedAt: new Date(),
            }
          : {}),
        channel: options.channel,
        evalRunId: "evalRunId" in options ? options.evalRunId : null,
        chatTokenHash: "chatTokenHash" in options ? (options.chatTokenHash ?? null) : null,
        ...("origin" in options && options.origin ? options.origin : {}),
      },
    });
    const messages = start.config.greeting
      ? [
          await tx.message.create({
            data: {
              conversationId: conversation.id,
              seq: 1,
              role: "agent",
              author: start.label,
              senderName: start.config.senderName || assistantName,
              text: start.config.greeting,
            },
          }),
        ]
      : [];
    const started: AuditEntry = {
      workspaceId: options.workspaceId,
      actor: { type: "customer", id: options.customerId ?? null, label: `${options.channel} customer` },
      action: "conversation.started",
      resourceType: "conversation",
      resourceId: conversation.id,
      after: { flow: flow.slug, version: version.number ?? "draft test", channel: options.channel },
    };
    const verified: AuditEntry[] = conversation.customerId
      ? [
          {
            workspaceId: options.workspaceId,
            actor: { type: "system", label: `${options.channel} channel` },
            action: "customer.verified",
            resourceType: "conversation",
            resourceId: conversation.id,
            after: { level: "verified", method: conversation.identityMethod, customerId: conversation.customerId },
          },
        ]
      : [];
    await auditLog([started, ...verified], tx);
    if (options.channel !== TEST_CHANNEL) {
      await emitConversationEvent(tx, {
        workspaceId: options.workspaceId,
        conversationId: conversation.id,
        type: "conversation.started",
      });
    }
    // No event has run yet, so no event id: this notice only tells the console's Live list the conversation exists.
    await notifyLive(tx, { w: options.workspaceId, c: conversation.id, e: "", s: conversation.status });
    return {
      id: conversation.id,
      status: conversation.status,
      messages: messages.map((m) => ({
        id: m.id,
        role: m.role,
        author: m.author,
        senderName: m.senderName,
        text: m.text,
        createdAt: m.createdAt,
      })),
    };
  };
  return options.tx ? run(options.tx) : transactionWithSql(run);
}
