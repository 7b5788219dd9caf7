// What the public chat page reads. No member here: everything is scoped by the workspace slug in the URL, and a
// conversation is only ever read through the workspace and flow it belongs to (the callers, the chat's actions and
// stream route, have checked it is the one the browser's resume cookie opens: chat-resume-token.ts).
import "server-only";
import { db } from "@/lib/platform/db/client";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import { flowNodeSchema } from "@/lib/model/flow/schema";
import { customerFacingSender } from "@/lib/model/sender-name";

export type PublicFlow = {
  workspace: { id: string; slug: string; name: string };
  flow: { id: string; slug: string; name: string };
  /** Null when the flow has no published version yet (the page says so instead of offering a chat). */
  greeting: { text: string; author: string } | null;
  published: boolean;
  acceptsWeb: boolean;
};

const greetingCache = new Map<string, { text: string; sender: string; acceptsWeb: boolean } | null>();

async function publishedStart(versionId: string) {
  if (greetingCache.has(versionId)) return greetingCache.get(versionId)!;
  // Only the start node is needed; read it in SQL rather than shipping the whole graph.
  const rows = await db().$queryRaw<{ node: unknown }[]>`
    SELECT n AS node FROM "FlowVersion" v, jsonb_array_elements(v.graph -> 'nodes') n
    WHERE v.id = ${versionId} AND n ->> 'kind' = 'start' LIMIT 1`;
  const parsed = flowNodeSchema.safeParse(rows[0]?.node);
  const value =
    parsed.success && parsed.data.kind === "start"
      ? {
          text: parsed.data.config.greeting,
          sender: parsed.data.config.senderName,
          acceptsWeb: parsed.data.config.channels.includes("web"),
        }
      : null;
  if (greetingCache.size > 64) greetingCache.clear();
  greetingCache.set(versionId, value);
  return value;
}

export async function findPublicFlow(workspaceSlug: string, flowSlug: string): Promise<PublicFlow | null> {
  const workspace = await db().workspace.findUnique({
    where: { slug: workspaceSlug },
    select: { id: true, slug: true, name: true, assistantName: true },
  });
  if (!workspace) return null;
  const flow = await db().flow.findUnique({
    where: { workspaceId_slug: { workspaceId: workspace.id, slug: flowSlug } },
    select: { id: true, slug: true, name: true, publishedVersionId: true },
  });
  if (!flow) return null;
  const start = flow.publishedVersionId ? await publishedStart(flow.publishedVersionId) : null;
  return {
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    flow: { id: flow.id, slug: flow.slug, name: flow.name },
    // Customers see the flow's sender name (or the workspace's assistant name), never the start node's label.
    greeting: start && start.text ? { text: start.text, author: start.sender || workspace.assistantName } : null,
    published: !!flow.publishedVersionId,
    acceptsWeb: start?.acceptsWeb ?? false,
  };
}

export type ChatMessage = {
  id: string;
  seq: number;
  role: "customer" | "agent" | "operator" | "system";
  /** The sender the customer sees (customerFacingSender), null for their own messages; never an internal label. */
  author: string | null;
  text: string;
  createdAt: string;
};

export type ChatSnapshot = { conversationId: string; status: string; messages: ChatMessage[] };

/** Messages after `sinceSeq`, or null when the conversation is not this flow's (the caller says "not found"). */
export async function loadChatMessages(options: {
  workspaceId: string;
  flowId: string;
  conversationId: string;
  sinceSeq: number;
}): Promise<ChatSnapshot | null> {
  const conversation = await db().conversation.findFirst({
    where: {
      id: options.conversationId,
      workspaceId: options.workspaceId,
      flowId: options.flowId,
      ...NOT_TEST_CONVERSATION,
    },
    select: {
      id: true,
      status: true,
      messages: {
        where: { seq: { gt: options.sinceSeq } },
        orderBy: { seq: "asc" },
        take: 500,
        select: { id: true, seq: true, role: true, senderName: true, text: true, createdAt: true },
      },
    },
  });
  if (!conversation) return null;
  return {
    conversationId: conversation.id,
    status: conversation.status,
    // Internal node labels and operators' full names stay in the console.
    messages: conversation.messages.map(({ senderName, ...m }) => ({
      ...m,
      author: customerFacingSender({ role: m.role, senderName }),
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
